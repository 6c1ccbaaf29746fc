using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>
/// Messages for a member the bot cannot reach yet wait in the outbox and arrive with their next turn, whichever
/// instance wrote them; turns read the outbox only while something waits.
/// </summary>
public sealed class OutboxDeliveryTests() : BotTestBase("outbox")
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Storage:ReportCalls"] = "true",
        // Change records are taken a second after they are written (ten by default), so the test need not wait long.
        ["Changes:Settle"] = "00:00:01",
    };

    protected override BotHost CreateHost(string hint) => new(hint, Settings);

    [Fact]
    public async Task An_intro_request_for_a_member_not_reachable_yet_arrives_with_their_first_turn_and_only_then_is_the_outbox_read()
    {
        Connector.Roster["u-asks"] = new RosterMember("Ada Lovelace", "ada@engines.example", "ada@engines.example", "tenant-asks");
        await SayAsync(InTenant(Activities.Installed(Connector.ServiceUrl, "u-asks"), "tenant-asks"), 2);
        await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, "u-asks", ProfileSubmission()), "tenant-asks"), 2);
        // Imported, as the CLI does for a member who has not opened PeerBot yet: no conversation to reach them in.
        await SeedAsync(Leader("msteams:u-later", "Grace Hopper", "VP Marketing", "Harbor Analytics", email: "grace@harbor.example", organizationKey: "domain:harbor.example"));

        var sent = await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, "u-asks", new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:u-later" }), "tenant-asks"), 1);
        Assert.Contains("Request sent", sent[0].RawBody, StringComparison.Ordinal);
        Assert.Empty(Connector.SentTo(Activities.PersonalConversation("u-later")));

        var (first, firstCalls) = await TurnAsync("u-later", "help", 2);
        Assert.Contains(first, r => r.CardText.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Contains("Outbox", firstCalls, StringComparison.Ordinal);

        var (_, laterCalls) = await TurnAsync("u-later", "help", 1);
        Assert.DoesNotContain("Outbox", laterCalls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_another_instance_queued_arrives_with_the_members_next_turn_here()
    {
        await using var other = new BotHost("outbox-other", new Dictionary<string, string?>(Settings) { ["Storage:TablePrefix"] = Host.TablePrefix });
        _ = other.Services; // starts the second instance on the same tables
        await SayAsync(Activities.Message(Connector.ServiceUrl, "u-away", "help"), 3);
        await Host.Services.GetRequiredService<PeerBot.Teams.ConversationReferenceStore>().MarkUnreachableAsync("msteams:u-away", CancellationToken.None);
        // The other instance has no reference for the member it can use: the message waits.
        await other.Services.GetRequiredService<PeerBot.Teams.ConversationReferenceStore>().MarkUnreachableAsync("msteams:u-away", CancellationToken.None);
        Assert.False(await other.Services.GetRequiredService<MemberMessenger>().SendAsync("msteams:u-away", new TextReply("Waiting for you: an answer."), CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (replies, _) = await TurnAsync("u-away", "help", 1);
            if (replies.Any(r => (r.Text ?? "").Contains("Waiting for you", StringComparison.Ordinal)))
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "The message queued by the other instance never arrived.");
            await Task.Delay(500);
        }
    }

    private async Task<(IReadOnlyList<SentActivity> Replies, string Calls)> TurnAsync(string user, string text, int expectedReplies)
    {
        var activity = Activities.Message(Connector.ServiceUrl, user, text);
        var conversation = Activities.PersonalConversation(user);
        var before = Connector.SentTo(conversation).Count();
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode);
        var replies = await Connector.WaitForAsync(conversation, before + expectedReplies);
        await Task.Delay(100);
        var all = Connector.SentTo(conversation).Skip(before).ToList();
        Assert.True(int.Parse(response.Headers.GetValues(StorageCalls.Header).Single(), CultureInfo.InvariantCulture) >= 1);
        return (all, string.Join(", ", response.Headers.GetValues(StorageCalls.ListHeader)));
    }
}
