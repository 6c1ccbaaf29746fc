using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Intros;
using PeerBot.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>
/// Storage calls per turn, as the bot reports them with <c>Storage:ReportCalls</c> (every request on the wire, retries
/// included): members who arrive as Teams members do (install, the form), each in their own tenant.
/// </summary>
public sealed class TurnStorageCallsTests() : BotTestBase("turncalls")
{
    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?> { ["Storage:ReportCalls"] = "true" });

    [Fact]
    public async Task A_returning_members_findpeer_makes_at_most_two_storage_calls()
    {
        await OnboardAsync("u-ret", "tenant-ret", "Ada Lovelace", "VP Marketing", "Analytical Engines");
        await OnboardAsync("u-peer", "tenant-peer", "Grace Hopper", "VP Marketing", "Harbor Analytics");

        var calls = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (count, replies) = await CountAsync(InTenant(Activities.Message(Connector.ServiceUrl, "u-ret", "/findpeer VP marketing"), "tenant-ret"), 1);
            Assert.True(replies[0].CardText.Contains("Grace Hopper", StringComparison.Ordinal), replies[0].RawBody);
            calls.Add(count);
        }

        Assert.All(calls, c => Assert.InRange(c, 1, 2));
        // Once the member's intros are in memory, the turn ledger's insert is the only call.
        Assert.Equal(1, calls[^1]);
    }

    [Fact]
    public async Task A_member_without_a_profile_who_searches_writes_nothing_per_message_but_the_turn()
    {
        await OnboardAsync("u-peer2", "tenant-p2", "Grace Hopper", "VP Marketing", "Harbor Analytics");
        await SayAsync(InTenant(Activities.Message(Connector.ServiceUrl, "u-new", "/findpeer VP marketing"), "tenant-new"), 3);

        for (var i = 0; i < 3; i++)
        {
            var (count, replies) = await CountAsync(InTenant(Activities.Message(Connector.ServiceUrl, "u-new", "/findpeer VP marketing"), "tenant-new"), 1);
            Assert.Contains("Grace Hopper", replies[0].CardText, StringComparison.Ordinal);
            // The turn ledger's insert, and one read of the profile the directory does not hold; no welcome mark, no state row.
            Assert.InRange(count, 1, 2);
        }
    }

    [Fact]
    public async Task A_redelivered_findpeer_makes_one_call_and_no_second_reply()
    {
        await OnboardAsync("u-dup", "tenant-dup", "Ada Lovelace", "VP Marketing", "Analytical Engines");
        await OnboardAsync("u-dup-peer", "tenant-dup-peer", "Grace Hopper", "VP Marketing", "Harbor Analytics");
        var activity = InTenant(Activities.Message(Connector.ServiceUrl, "u-dup", "/findpeer VP marketing"), "tenant-dup");

        await CountAsync(activity, 1);
        var before = Connector.SentTo(Activities.PersonalConversation("u-dup")).Count();
        using var again = await PostAsync(activity);
        Assert.True(again.IsSuccessStatusCode);

        Assert.Equal(1, Calls(again));
        await Task.Delay(300);
        Assert.Equal(before, Connector.SentTo(Activities.PersonalConversation("u-dup")).Count());
    }

    [Fact]
    public async Task A_request_intro_card_action_makes_few_storage_calls_and_still_reaches_the_peer()
    {
        await OnboardAsync("u-asker", "tenant-a", "Ada Lovelace", "VP Marketing", "Analytical Engines");
        await OnboardAsync("u-target", "tenant-b", "Grace Hopper", "VP Marketing", "Harbor Analytics");
        await CountAsync(InTenant(Activities.Message(Connector.ServiceUrl, "u-asker", "/findpeer VP marketing"), "tenant-a"), 1);

        var request = InTenant(Activities.Submit(Connector.ServiceUrl, "u-asker", new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:u-target" }), "tenant-a");
        var (count, replies) = await CountAsync(request, 1);

        Assert.Contains("Request sent", replies[0].RawBody, StringComparison.Ordinal);
        var card = await Connector.WaitForAsync(Activities.PersonalConversation("u-target"), 3);
        Assert.Contains("Ada Lovelace", card[^1].CardText, StringComparison.Ordinal);
        Assert.True(count <= MaxRequestIntroCalls, $"{count} calls: {CallList}");

        // The asker's intros in memory now hold the request: the next search leaves the peer out, reading nothing.
        var (afterCalls, after) = await CountAsync(InTenant(Activities.Message(Connector.ServiceUrl, "u-asker", "/findpeer VP marketing"), "tenant-a"), 1);
        Assert.DoesNotContain("Grace Hopper", after[0].CardText, StringComparison.Ordinal);
        Assert.Equal(1, afterCalls);
    }

    /// <summary>
    /// What a request intro costs: each member's ledger written with their index row (one transaction each), and the
    /// pair's change record and row; the pair's row, carrying the activity id, is the turn's claim.
    /// </summary>
    private const int MaxRequestIntroCalls = 4;

    private async Task<(int Calls, IReadOnlyList<SentActivity> Replies)> CountAsync(JsonObject activity, int expectedReplies)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = Connector.SentTo(conversation).Count();
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var replies = await Connector.WaitForAsync(conversation, before + expectedReplies);
        CallList = string.Join(", ", response.Headers.GetValues(StorageCalls.ListHeader));
        return (Calls(response), replies.Skip(before).ToList());
    }

    private string CallList { get; set; } = "";

    private static int Calls(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues(StorageCalls.Header).Single(), CultureInfo.InvariantCulture);
}
