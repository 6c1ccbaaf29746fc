using System.IO.Compression;
using System.Text.Json.Nodes;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Manifest;

/// <summary>The Teams app package, built by the same script an admin runs, judged by Microsoft's own schema.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string PackageScript = "manifest/teams/build/package.mjs";
    private const string ValidateScript = "manifest/teams/build/validate.mjs";
    private const string AppId = "3f1c2a9e-5b7d-4e21-9a0c-6d8e4f2b1a77";
    private const string BotId = "b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b";
    private const string Domain = "peerbot-test.azurewebsites.net";

    private readonly string _out = Directory.CreateTempSubdirectory("peerbot-teams-").FullName;

    private static Dictionary<string, string> Settings => new() { ["APP_ID"] = AppId, ["BOT_ID"] = BotId, ["BOT_DOMAIN"] = Domain };

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task The_package_holds_the_filled_manifest_and_both_icons()
    {
        var entries = await BuildAsync();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], entries.Keys.Order(StringComparer.Ordinal));
        var manifest = JsonNode.Parse(entries["manifest.json"])!.AsObject();
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(BotId, bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>());
        Assert.Equal(["findpeer", "profile", "intros", "help"], commands);
        Assert.Equal([Domain], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal($"https://{Domain}/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_app_asks_a_team_for_its_member_roster_and_nothing_more_as_the_bot_itself()
    {
        var manifest = JsonNode.Parse((await BuildAsync())["manifest.json"])!;

        // Team owners count as PeerBot admins: the bot reads a team's members (with their roles) through Graph.
        var permission = Assert.Single(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;
        Assert.Equal("TeamMember.Read.Group", permission["name"]!.GetValue<string>());
        Assert.Equal("Application", permission["type"]!.GetValue<string>());
        // Resource-specific consent is granted to the Entra app named here: the bot's own.
        Assert.Equal(BotId, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_manifest_uses_the_newest_released_schema_the_package_ships_and_is_valid_against_it()
    {
        var entries = await BuildAsync();
        var manifestPath = Path.Combine(_out, "checked.json");
        await File.WriteAllBytesAsync(manifestPath, entries["manifest.json"]);
        var manifest = JsonNode.Parse(entries["manifest.json"])!;

        Assert.Equal(NewestReleasedSchema(), manifest["manifestVersion"]!.GetValue<string>());
        Assert.EndsWith($"/v{NewestReleasedSchema()}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        var valid = await NodeScript.RunAsync(ValidateScript, [manifestPath]);
        Assert.True(valid.ExitCode == 0, valid.Errors + valid.Output);
    }

    [Fact]
    public async Task The_schema_check_rejects_a_manifest_that_breaks_the_schema()
    {
        var manifest = JsonNode.Parse((await BuildAsync())["manifest.json"])!;
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("everywhere");
        manifest["accentColor"] = "blue";
        var path = Path.Combine(_out, "broken.json");
        await File.WriteAllTextAsync(path, manifest.ToJsonString());

        var outcome = await NodeScript.RunAsync(ValidateScript, [path]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("/bots/0/scopes/2", outcome.Errors, StringComparison.Ordinal);
        Assert.Contains("/accentColor", outcome.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_or_malformed_settings_stop_the_build_and_name_what_is_wrong()
    {
        var outcome = await NodeScript.RunAsync(PackageScript, ["--out", _out], new Dictionary<string, string> { ["APP_ID"] = "not-a-guid", ["BOT_DOMAIN"] = "https://x.example/path" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("APP_ID is 'not-a-guid'", outcome.Errors, StringComparison.Ordinal);
        Assert.Contains("BOT_ID is missing", outcome.Errors, StringComparison.Ordinal);
        Assert.Contains("BOT_DOMAIN is 'https://x.example/path'", outcome.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "peerbot-teams.zip")));
    }

    [Fact]
    public async Task The_colour_icon_is_192_square_and_the_outline_icon_32_square_white_on_transparent()
    {
        var entries = await BuildAsync();
        var color = PngImage.Decode(entries["color.png"]);
        var outline = PngImage.Decode(entries["outline.png"]);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline.Pixel(i % 32, i / 32)).ToList();
        Assert.Equal(0, outline.Pixel(0, 0).A);
        Assert.InRange(pixels.Count(p => p.A == 0), 32 * 32 / 3, (32 * 32) - 1);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    private async Task<Dictionary<string, byte[]>> BuildAsync()
    {
        var outcome = await NodeScript.RunAsync(PackageScript, ["--out", _out], Settings);
        Assert.True(outcome.ExitCode == 0, outcome.Errors + outcome.Output);
        using var archive = ZipFile.OpenRead(Path.Combine(_out, "peerbot-teams.zip"));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        });
    }

    /// <summary>The highest numbered (not developer-preview) Teams schema in @microsoft/app-manifest.</summary>
    private static string NewestReleasedSchema()
    {
        var schemas = Path.Combine(Azurite.RepositoryRoot(), "tools", "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams");
        return Directory.GetDirectories(schemas)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("v1.", StringComparison.Ordinal))
            .Select(name => Version.Parse(name![1..]))
            .Max()!
            .ToString(2);
    }
}
