using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;

namespace PeerBot.Tests.Teams;

/// <summary>The limits that keep intros respectful, and Universal Actions updating the clicked card in place.</summary>
public sealed class IntroLimitTests() : BotTestBase("introlimits")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var people = Enumerable.Range(0, 8).Select(i =>
            Leader($"msteams:p{i}", $"Person {i}", "VP Operations", $"Org {i}", email: $"p{i}@org{i}.example") with { Channel = "msteams" });
        await SeedAsync([.. people]);
    }

    [Fact]
    public async Task A_sixth_request_in_a_week_is_refused_with_a_clear_message()
    {
        for (var i = 1; i <= IntroRules.MaxRequestsPerWeek; i++)
        {
            var sent = await SayAsync(Request("p0", $"p{i}"), 1);
            Assert.Contains("Request sent", sent[0].RawBody, StringComparison.Ordinal);
        }
        var refused = await SayAsync(Request("p0", "p6"), 1);
        Assert.Contains("5 intro requests in the last 7 days", refused[0].RawBody, StringComparison.Ordinal);
        Assert.Null(await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey("msteams:p0", "msteams:p6"), CancellationToken.None));
    }

    [Fact]
    public async Task A_redelivered_refusal_is_told_once()
    {
        for (var i = 1; i <= IntroRules.MaxRequestsPerWeek; i++)
        {
            await SayAsync(Request("p0", $"p{i}"), 1);
        }
        var sixth = Request("p0", "p6");
        var refused = await SayAsync(sixth, 1);
        Assert.Contains("5 intro requests in the last 7 days", refused[0].RawBody, StringComparison.Ordinal);
        var told = Connector.SentTo(Activities.PersonalConversation("p0")).Count();

        using var again = await PostAsync(sixth);
        Assert.True(again.IsSuccessStatusCode);
        await Task.Delay(500);
        Assert.Equal(told, Connector.SentTo(Activities.PersonalConversation("p0")).Count());
    }

    [Fact]
    public async Task A_peer_with_three_pending_requests_takes_no_fourth()
    {
        for (var i = 1; i <= IntroRules.MaxPendingIncoming; i++)
        {
            await SayAsync(Request($"p{i}", "p0"), 1);
        }
        var refused = await SayAsync(Request("p4", "p0"), 1);
        Assert.Contains("several requests waiting", refused[0].RawBody, StringComparison.Ordinal);

        var saturated = await Host.Services.GetRequiredService<IntroLedgers>().SaturatedAsync(CancellationToken.None);
        Assert.Contains("msteams:p0", saturated);
    }

    [Fact]
    public async Task Parallel_requests_never_push_a_peer_past_the_cap()
    {
        var requests = Enumerable.Range(1, 7).Select(i => PostAsync(Request($"p{i}", "p0")));
        await Task.WhenAll(requests);
        var ledger = await Host.Services.GetRequiredService<IntroLedgers>().GetAsync("msteams:p0", CancellationToken.None);
        Assert.Equal(IntroRules.MaxPendingIncoming, ledger.PendingIncoming.Count);
    }

    [Fact]
    public async Task Accepting_through_Universal_Actions_returns_the_updated_card_in_the_invoke_response()
    {
        await SayAsync(Activities.Message(Connector.ServiceUrl, "p1", "help"), 1);
        await SayAsync(Request("p0", "p1"), 1);
        var intro = (await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey("msteams:p0", "msteams:p1"), CancellationToken.None))!.Value.Intro;

        using var response = await PostAsync(Activities.Execute(Connector.ServiceUrl, "p1", IntroVerbs.Accept, new JsonObject { ["intro"] = intro.PairKey, ["round"] = intro.Round }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal(ActivityReplyChannelContentType, body["type"]!.GetValue<string>());
        Assert.Contains("You accepted", body["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("../../etc/passwd?#")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public async Task A_button_with_a_forged_intro_key_is_told_the_intro_does_not_exist(string key)
    {
        var replies = await SayAsync(Activities.Submit(Connector.ServiceUrl, "p1", new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = key, ["round"] = 1 }), 1);
        Assert.Contains("no longer exists", replies[0].RawBody, StringComparison.Ordinal);
    }

    private const string ActivityReplyChannelContentType = PeerBot.Teams.ActivityReplyChannel.AdaptiveCardContentType;

    private JsonObject Request(string from, string to) =>
        Activities.Submit(Connector.ServiceUrl, from, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + to });
}
