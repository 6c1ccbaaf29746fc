using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Slack;

/// <summary>manifest/slack/manifest.json is a valid Slack app manifest that matches what PeerBot serves and asks for.</summary>
public sealed class ManifestTests
{
    private static readonly string ManifestPath = Path.Combine(NodeOracle.RepositoryRoot, "manifest", "slack", "manifest.json");

    private static JsonNode Manifest => JsonNode.Parse(File.ReadAllText(ManifestPath))!;

    [Fact]
    public void It_type_checks_as_a_manifest_for_the_Slack_Web_API()
    {
        var result = TypeScriptCheck.Run(new Dictionary<string, string>
        {
            ["manifest.ts"] = "import type { AppsManifestCreateArguments } from '@slack/web-api';\n" +
                $"export const manifest: AppsManifestCreateArguments['manifest'] = {Manifest.ToJsonString()};\n",
            // The check must be able to fail: a shortcut of a type Slack does not have.
            ["broken_control.ts"] = "import type { AppsManifestCreateArguments } from '@slack/web-api';\n" +
                "export const broken: AppsManifestCreateArguments['manifest'] = { display_information: { name: 'x' }, features: { shortcuts: [{ type: 'everywhere', name: 'x', callback_id: 'x', description: 'x' }] } };\n",
        });

        var problems = result.Output.Split('\n').Where(line => line.Contains("error TS", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, line => line.StartsWith("broken_control.ts", StringComparison.Ordinal));
        Assert.True(problems.All(line => line.StartsWith("broken_control.ts", StringComparison.Ordinal)), result.Output);
    }

    [Fact]
    public void Its_urls_commands_scopes_and_events_are_the_ones_PeerBot_serves()
    {
        var manifest = Manifest;
        var commands = manifest["features"]!["slash_commands"]!.AsArray();
        Assert.Equal(["/findpeer", "/peerbot"], commands.Select(c => c!["command"]!.GetValue<string>()));
        var urls = commands.Select(c => new Uri(c!["url"]!.GetValue<string>()))
            .Append(new Uri(manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>()))
            .Append(new Uri(manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>()))
            .Append(new Uri(manifest["oauth_config"]!["redirect_urls"]![0]!.GetValue<string>()))
            .ToList();
        Assert.Equal(["/slack/commands", "/slack/commands", "/slack/events", "/slack/interactions", SlackOAuth.CallbackPath], urls.Select(u => u.AbsolutePath));
        Assert.Single(urls.Select(u => u.Authority).Distinct());
        Assert.All(urls, u => Assert.Equal("https", u.Scheme));

        var scopes = manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>());
        Assert.Equal(SlackOptions.DefaultScopes.Split(','), scopes);
        var events = manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>());
        Assert.Equal(["app_home_opened", "app_uninstalled", "message.im", "tokens_revoked"], events);
        Assert.True(manifest["settings"]!["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.False(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
    }
}
