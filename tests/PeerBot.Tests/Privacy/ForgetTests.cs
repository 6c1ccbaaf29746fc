using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;
using PeerBot.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Privacy;

/// <summary>"peerbot forget" erases a member from every table, and "peerbot export" hands them all of it first.</summary>
public sealed class ForgetTests() : BotTestBase("forget")
{
    private const string Me = "u-forgetme";
    private const string MyName = "Fiona Forgetful";
    private const string MyEmail = "fiona@forget.example";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("msteams:" + Me, MyName, "VP Finance", "Forget Corp", email: MyEmail, topics: ["budgeting"]) with { Channel = "msteams" },
            Leader("msteams:u-gina", "Gina Green", "VP Finance", "Green Co", email: "gina@green.example") with { Channel = "msteams" },
            Leader("msteams:u-hank", "Hank Hill", "VP Finance", "Hill Co", email: "hank@hill.example") with { Channel = "msteams" },
            Leader("msteams:u-ivy", "Ivy Irons", "VP Finance", "Irons Co", email: "ivy@irons.example") with { Channel = "msteams" },
            Leader("msteams:u-jay", "Jay Jones", "VP Finance", "Jones Co", email: "jay@jones.example") with { Channel = "msteams" });
        foreach (var user in new[] { Me, "u-gina", "u-hank", "u-ivy" })
        {
            await SayAsync(Activities.Message(Connector.ServiceUrl, user, "help"), 1);
        }
        // A connected intro, a pending one each way, and one queued for a member the bot cannot reach yet.
        await SayAsync(Request(Me, "u-gina"), 1);
        var connected = await IntroAsync(Me, "u-gina");
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-gina", Move(IntroVerbs.Accept, connected)), 2);
        await SayAsync(Request(Me, "u-hank"), 1);
        await SayAsync(Request("u-ivy", Me), 1);
        await SayAsync(Request(Me, "u-jay"), 1);
        await SayAsync(Activities.Message(Connector.ServiceUrl, Me, "profile edit"), 1);
    }

    [Fact]
    public async Task Export_hands_the_member_their_profile_and_intros_as_a_json_file()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Me, "peerbot export"), 1);
        var link = System.Text.RegularExpressions.Regex.Match(replies[0].Text!, @"\((http[^)]+)\)").Groups[1].Value;
        using var response = await Client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("peerbot-export.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(MyEmail, export["profile"]!["email"]!.GetValue<string>());
        var intros = export["introductions"]!.AsArray();
        Assert.Equal(4, intros.Count);
        Assert.Contains(intros, i => i!["state"]!.GetValue<string>() == "Connected" && i["with"]!["email"]!.GetValue<string>() == "gina@green.example");
        Assert.All(intros.Where(i => i!["state"]!.GetValue<string>() != "Connected"), i => Assert.Null(i!["with"]!["email"]));

        using var forged = await Client.GetAsync("/privacy/export/not-a-token");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Forget_deletes_every_row_about_the_member_in_every_table_and_withdraws_pending_intros()
    {
        Assert.NotEmpty(await RowsMentioningMeAsync());

        var confirm = await SayAsync(Activities.Message(Connector.ServiceUrl, Me, "peerbot forget"), 1);
        Assert.Contains("peerbot forget confirm", confirm[0].Text, StringComparison.Ordinal);
        Assert.NotNull(await Profiles.GetAsync("msteams:" + Me, CancellationToken.None));

        await SayAsync(Activities.Message(Connector.ServiceUrl, Me, "peerbot forget confirm"), 1);

        Assert.Empty(await RowsMentioningMeAsync());

        // Change records (how other instances learn of the erasure) name the member by id only, and only until
        // they are pruned, one retention period later.
        var service = Host.Services.GetRequiredService<TableServiceClient>();
        var names = Host.Services.GetRequiredService<TableNames>();
        var records = await RowsMentioningMeAsync(names.Changes);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.DoesNotContain(MyName, r, StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain(MyEmail, r, StringComparison.Ordinal));
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + new ChangeLogOptions().Retention + TimeSpan.FromMinutes(2));
        await Tests.Storage.ChangeLogs.For(service, names, later).PruneAsync(CancellationToken.None);
        Assert.Empty(await RowsMentioningMeAsync(names.Changes));
        // Ivy had asked the member for an intro: she hears only that they are not available.
        Assert.Contains(Connector.SentTo(Activities.PersonalConversation("u-ivy")), s => s.RawBody.Contains("not available right now", StringComparison.Ordinal));
        var ledgers = Host.Services.GetRequiredService<IntroLedgers>();
        Assert.Empty((await ledgers.GetAsync("msteams:u-hank", CancellationToken.None)).PendingIncoming);
        Assert.Empty((await ledgers.GetAsync("msteams:u-jay", CancellationToken.None)).PendingIncoming);
    }

    /// <summary>
    /// Every entity whose keys or values mention the member: in <paramref name="only"/>, or else in every one of this
    /// test's tables but the change records.
    /// </summary>
    private async Task<List<string>> RowsMentioningMeAsync(string? only = null)
    {
        var service = Host.Services.GetRequiredService<TableServiceClient>();
        var changes = Host.Services.GetRequiredService<TableNames>().Changes;
        var needles = new[] { Me, TableKeys.Escape("msteams:" + Me), MyName, MyEmail, "forget.example" };
        var found = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(Host.TablePrefix) >= 0 && t.Name.CompareTo(Host.TablePrefix + "~") < 0))
        {
            if (only is null ? table.Name == changes : table.Name != only)
            {
                continue;
            }
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
                if (needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{table.Name}: {text[..Math.Min(200, text.Length)]}");
                }
            }
        }
        return found;
    }

    private JsonObject Request(string from, string to) =>
        Activities.Submit(Connector.ServiceUrl, from, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + to });

    private static JsonObject Move(string verb, Introduction intro) =>
        new() { ["action"] = verb, ["intro"] = intro.PairKey, ["round"] = intro.Round };

    private async Task<Introduction> IntroAsync(string a, string b) =>
        (await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey("msteams:" + a, "msteams:" + b), CancellationToken.None))!.Value.Intro;
}
