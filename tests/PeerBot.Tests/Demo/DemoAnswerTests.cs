using PeerBot.Demo;
using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;
using PeerBot.Tests.Tenancy;

namespace PeerBot.Tests.Demo;

/// <summary>
/// With <c>Demo:Seed</c>, the fictional leaders answer intro requests by themselves, through the same buttons and code
/// as a member's click: most accept (the newcomer gets the connected card with the leader's email), some decline,
/// one says "Not now".
/// </summary>
public sealed class DemoAnswerTests() : TenantTestBase("demoanswers", new Dictionary<string, string?>
{
    ["Demo:Seed"] = "true",
    ["Demo:AnswerAfterSeconds"] = "1",
})
{
    private const string Playground = "00000000-0000-0000-0000-0000000000001";
    private readonly Person _alex = new("00000000-0000-0000-0000-0000000000020", Playground, "Alex Wilber");

    private static readonly IReadOnlyList<Peer> Network = [.. DemoNetwork.Generate(DateTimeOffset.UtcNow).Select(l => l.Peer)];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tenant(Playground).Roster[_alex.User] = new RosterMember(_alex.Name, "alexw@example.com", "alexw@example.com", Playground);
        await OnboardAsync(_alex, "VP Marketing", "Playground Co");
    }

    [Fact]
    public async Task A_demo_leader_who_accepts_sends_the_connected_card_with_their_email()
    {
        var leader = Network.First(p => DemoAnswers.AnswerOf(p.Id) == IntroVerbs.Accept && p.Title.Contains("Marketing", StringComparison.Ordinal));
        await RequestAsync(leader);

        var connected = await WaitForAsync("introConnected");
        Assert.Equal(leader.Email, Facts(connected)["Email"]);
        Assert.Contains($"You're connected with {leader.Name}", connected.CardText, StringComparison.Ordinal);
        var intro = await IntroWithAsync(leader);
        Assert.Equal(IntroState.Connected, intro.State);
        Assert.Equal(leader.Id, intro.History.Single(h => h.State == IntroState.Accepted).By);
        Assert.Equal("alexw@example.com", (await Get<ProfileStore>().GetAsync(_alex.PeerId, CancellationToken.None))!.Peer.Email);
    }

    [Fact]
    public async Task A_demo_leader_who_declines_is_only_not_available_and_the_not_now_leader_leaves_it_open()
    {
        var decliner = Network.First(p => DemoAnswers.AnswerOf(p.Id) == IntroVerbs.Decline);
        var later = Network.Single(p => p.Id == DemoAnswers.NotNowLeader);
        await RequestAsync(decliner);
        await RequestAsync(later);

        var notice = await WaitForAsync("introNotice");
        Assert.Contains("not available right now", notice.CardText, StringComparison.Ordinal);
        Assert.Equal(IntroState.Declined, (await IntroWithAsync(decliner)).State);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        Introduction snoozed;
        while ((snoozed = await IntroWithAsync(later)).SnoozedAt is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.NotNull(snoozed.SnoozedAt);
        Assert.Equal(IntroState.Requested, snoozed.State);
        Assert.DoesNotContain(Tenant(Playground).SentTo(_alex.Chat), s => s.RawBody.Contains(later.Email!, StringComparison.Ordinal));
    }

    [Fact]
    public void Most_demo_leaders_accept_some_decline_and_one_says_not_now()
    {
        var answers = Network.GroupBy(p => DemoAnswers.AnswerOf(p.Id)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, answers[IntroVerbs.Snooze]);
        Assert.InRange(answers[IntroVerbs.Decline], Network.Count / 10, Network.Count / 4);
        Assert.True(answers[IntroVerbs.Accept] > Network.Count * 2 / 3);
        Assert.Contains("Marketing", Network.Single(p => p.Id == DemoAnswers.NotNowLeader).Title, StringComparison.Ordinal);
    }

    private async Task RequestAsync(Peer leader)
    {
        var sent = await PressAsync(_alex, new System.Text.Json.Nodes.JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = leader.Id });
        Assert.Contains(sent, s => s.RawBody.Contains("Request sent", StringComparison.Ordinal));
    }

    private async Task<Introduction> IntroWithAsync(Peer leader) =>
        (await Get<IntroStore>().GetAsync(IntroRules.PairKey(_alex.PeerId, leader.Id), CancellationToken.None))!.Value.Intro;

    private async Task<SentActivity> WaitForAsync(string template)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (Tenant(Playground).SentTo(_alex.Chat).LastOrDefault(s => TeamsProtocol.TemplateOf(s) == template) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No {template} card for Alex within 20 s.");
            await Task.Delay(100);
        }
    }
}
