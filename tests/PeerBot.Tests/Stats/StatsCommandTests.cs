using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Stats;

public sealed class StatsCommandTests() : BotTestBase("stats")
{
    [Fact]
    public async Task Admins_see_the_last_30_days_and_everyone_else_is_refused()
    {
        await SeedAsync(
            Leader("msteams:s-a", "Sam A", "VP Sales", "A Co", email: "a@a.example") with { Channel = "msteams" },
            Leader("msteams:s-b", "Sam B", "VP Sales", "B Co", email: "b@b.example") with { Channel = "msteams" },
            Leader("msteams:s-c", "Sam C", "VP Sales", "C Co", email: "c@c.example") with { Channel = "msteams" });
        await SayAsync(Activities.Message(Connector.ServiceUrl, "s-b", "help"), 1);
        await SayAsync(Request("s-a", "s-b"), 1);
        await SayAsync(Request("s-a", "s-c"), 1);
        var store = Host.Services.GetRequiredService<IntroStore>();
        var intro = (await store.GetAsync(IntroRules.PairKey("msteams:s-a", "msteams:s-b"), CancellationToken.None))!.Value.Intro;
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "s-b", new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = intro.PairKey, ["round"] = intro.Round }), 2);

        var refused = await SayAsync(Activities.Message(Connector.ServiceUrl, "s-a", "peerbot stats"), 1);
        Assert.Contains("Only PeerBot admins", refused[0].Text, StringComparison.Ordinal);

        var stats = await SayAsync(Activities.Message(Connector.ServiceUrl, "stats-admin", "peerbot stats"), 3);
        var card = stats[^1];
        Assert.Contains("2 intros requested, 1 accepted, 0 met", card.Activity["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,iVBORw0KGgo", card.CardText, StringComparison.Ordinal);
    }

    protected override BotHost CreateHost(string hint) =>
        new(hint, new Dictionary<string, string?> { ["Admins:Ids:0"] = "msteams:stats-admin" });

    private JsonObject Request(string from, string to) =>
        Activities.Submit(Connector.ServiceUrl, from, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + to });
}
