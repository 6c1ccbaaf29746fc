using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;

namespace PeerBot.Tests.Teams;

/// <summary>Member A finds member B, asks for an intro, and B answers, all through /api/messages against Azurite.</summary>
public sealed class IntroFlowTests() : BotTestBase("intros")
{
    private const string A = "u-alice";
    private const string B = "u-bob";
    private const string AliceEmail = "alice@harbor.example";
    private const string BobEmail = "bob@orbit.example";

    private static string Conversation(string user) => Activities.PersonalConversation(user);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("msteams:" + A, "Alice Adams", "VP Marketing", "Harbor Analytics", 250, email: AliceEmail, topics: ["pricing", "hiring"]) with { Channel = "msteams" },
            Leader("msteams:" + B, "Bob Brown", "Vice President, Marketing", "Orbit Foods", 400, email: BobEmail, topics: ["pricing"]) with { Channel = "msteams" });
        // Both have talked to the bot before, so each has a conversation reference for proactive messages.
        await SayAsync(Activities.Message(Connector.ServiceUrl, A, "help"), 1);
        await SayAsync(Activities.Message(Connector.ServiceUrl, B, "help"), 1);
    }

    [Fact]
    public async Task A_requests_B_accepts_and_both_get_the_connected_card()
    {
        await RequestAsync(A, B, "Would love to compare pricing playbooks.");
        var card = await WaitForCardAsync(B, "introRequest");
        Assert.Contains("Alice Adams", card.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain(AliceEmail, card.RawBody, StringComparison.Ordinal);

        var intro = await CurrentIntroAsync();
        Assert.Equal(IntroState.Requested, intro.State);

        await SayAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro)), 2);

        var forA = await WaitForCardAsync(A, "introConnected");
        var forB = await WaitForCardAsync(B, "introConnected");
        Assert.Contains(BobEmail, forA.RawBody, StringComparison.Ordinal);
        Assert.Contains(AliceEmail, forB.RawBody, StringComparison.Ordinal);
        var connected = await CurrentIntroAsync();
        Assert.Equal(IntroState.Connected, connected.State);
        Assert.Equal([IntroState.Requested, IntroState.Accepted, IntroState.Connected], connected.History.Select(h => h.State));
    }

    [Fact]
    public async Task A_requests_B_declines_and_A_hears_only_that_B_is_not_available()
    {
        await RequestAsync(A, B, "");
        await WaitForCardAsync(B, "introRequest");
        var intro = await CurrentIntroAsync();

        await SayAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Decline, intro)), 1);

        var notice = await WaitForSummaryAsync(A, "not available right now");
        Assert.DoesNotContain("declin", notice.RawBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(IntroState.Declined, (await CurrentIntroAsync()).State);

        // The same pair cannot be requested again for 90 days.
        var again = await SayAsync(Activities.Submit(Connector.ServiceUrl, A, RequestValue(B, "")), 1);
        Assert.Contains("not available right now", again[0].RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_payload_to_the_requester_carries_the_peers_email_until_both_accepted()
    {
        await SayAsync(Activities.Message(Connector.ServiceUrl, A, "findpeer VP marketing"), 1);
        await RequestAsync(A, B, "hello");
        await WaitForCardAsync(B, "introRequest");
        await SayAsync(Activities.Message(Connector.ServiceUrl, A, "intros"), 1);
        var intro = await CurrentIntroAsync();
        await SayAsync(Activities.Submit(Connector.ServiceUrl, A, Move(IntroVerbs.Snooze, intro)), 1);

        Assert.All(Connector.SentTo(Conversation(A)), sent => Assert.DoesNotContain(BobEmail, sent.RawBody, StringComparison.OrdinalIgnoreCase));

        await SayAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro)), 2);
        await WaitForCardAsync(A, "introConnected");
        Assert.Contains(Connector.SentTo(Conversation(A)), sent => sent.RawBody.Contains(BobEmail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_request_creates_no_second_intro_and_no_second_card()
    {
        var activity = Activities.Submit(Connector.ServiceUrl, A, RequestValue(B, "twice?"));
        await SayAsync(activity, 1);
        await WaitForCardAsync(B, "introRequest");
        var toRequester = Connector.SentTo(Conversation(A)).Count();

        using var again = await PostAsync(activity);
        Assert.True(again.IsSuccessStatusCode);
        await Task.Delay(500);

        Assert.Single(Connector.SentTo(Conversation(B)), s => s.Activity["summary"]?.GetValue<string>()?.Contains("would like an intro", StringComparison.Ordinal) == true);
        // No second "Request sent" either: the repeat is recognised by the pair's row, which carries the activity id.
        Assert.Equal(toRequester, Connector.SentTo(Conversation(A)).Count());
        Assert.Equal(1, (await CurrentIntroAsync()).Round);
    }

    [Fact]
    public async Task A_peer_with_no_conversation_yet_gets_the_intro_when_they_next_appear()
    {
        await SeedAsync(Leader("msteams:u-carol", "Carol Chen", "CMO", "Lattice Bank", 900, email: "carol@lattice.example") with { Channel = "msteams" });
        await RequestAsync(A, "u-carol", "");
        Assert.Empty(Connector.SentTo(Conversation("u-carol")));

        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-carol", "hi"), 2);
        Assert.Contains("Alice Adams", replies[0].RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intros_lists_pending_and_the_requester_can_cancel()
    {
        await RequestAsync(A, B, "");
        var intro = await CurrentIntroAsync();
        var list = await SayAsync(Activities.Message(Connector.ServiceUrl, A, "intros"), 1);
        Assert.Contains("1 pending", list[0].Activity["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        await SayAsync(Activities.Submit(Connector.ServiceUrl, A, Move(IntroVerbs.Cancel, intro)), 1);
        Assert.Equal(IntroState.Cancelled, (await CurrentIntroAsync()).State);

        // A cancelled request can be answered no more.
        await SayAsync(Activities.Submit(Connector.ServiceUrl, B, Move(IntroVerbs.Accept, intro)), 1);
        Assert.Equal(IntroState.Cancelled, (await CurrentIntroAsync()).State);
    }

    [Fact]
    public async Task Only_the_peer_can_accept()
    {
        await RequestAsync(A, B, "");
        var intro = await CurrentIntroAsync();
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-mallory", Move(IntroVerbs.Accept, intro)), 1);
        await SayAsync(Activities.Submit(Connector.ServiceUrl, A, Move(IntroVerbs.Accept, intro)), 1);
        Assert.Equal(IntroState.Requested, (await CurrentIntroAsync()).State);
    }

    private async Task RequestAsync(string from, string to, string note) =>
        await SayAsync(Activities.Submit(Connector.ServiceUrl, from, RequestValue(to, note)), 1);

    private static JsonObject RequestValue(string to, string note) =>
        new() { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + to, ["note"] = note };

    private static JsonObject Move(string verb, Introduction intro) =>
        new() { ["action"] = verb, ["intro"] = intro.PairKey, ["round"] = intro.Round };

    private async Task<Introduction> CurrentIntroAsync()
    {
        var store = Host.Services.GetRequiredService<IntroStore>();
        return (await store.GetAsync(IntroRules.PairKey("msteams:" + A, "msteams:" + B), CancellationToken.None))!.Value.Intro;
    }

    private async Task<SentActivity> WaitForCardAsync(string user, string template) =>
        await WaitForAsync(user, s => s.Card is not null && TemplateOf(s) == template);

    private async Task<SentActivity> WaitForSummaryAsync(string user, string text) =>
        await WaitForAsync(user, s => s.RawBody.Contains(text, StringComparison.Ordinal));

    private async Task<SentActivity> WaitForAsync(string user, Func<SentActivity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var found = Connector.SentTo(Conversation(user)).LastOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching activity for {user}.");
    }

    /// <summary>Cards say which template they came from in their fallback text's marker, set by the bot.</summary>
    private static string? TemplateOf(SentActivity sent) => sent.Activity["attachments"]?[0]?["name"]?.GetValue<string>();
}
