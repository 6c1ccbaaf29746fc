using System.Text.Json.Nodes;
using PeerBot.Intros;
using PeerBot.Nudges;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>A member's nudges, follow-ups, pause, ghost rule and role change, end to end under a fake clock.</summary>
public sealed class PersonalNudgeTests() : FakeClockBotTest("personal")
{
    private const string Alice = "u-alice";
    private static readonly string AliceId = "msteams:" + Alice;
    private static readonly string AliceChat = Activities.PersonalConversation(Alice);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var profiles = Get<ProfileStore>();
        await profiles.SaveAsync(Peer(AliceId, "Alice Adams", "VP Marketing", "Harbor", "msteams"), null, CancellationToken.None);
        await profiles.SaveAsync(Peer("import:bob", "Bob Brown", "VP Marketing", "Orbit", "import"), null, CancellationToken.None);
        await profiles.SaveAsync(Peer("import:carol", "Carol Chen", "Vice President of Marketing", "Lattice", "import"), null, CancellationToken.None);
        await profiles.SaveAsync(Peer("import:dan", "Dan Diaz", "CMO", "Fjord", "import"), null, CancellationToken.None);
        // Alice has talked to the bot, so she can be reached; the sweep gives her a schedule.
        await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "peerbot status"), 1);
        await AdvanceToAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(31));
    }

    private static Peer Peer(string id, string name, string title, string organization, string channel) => new()
    {
        Id = id, Name = name, Title = title, Organization = organization, OrganizationKey = "name:" + organization.ToLowerInvariant(),
        TimeZone = "Europe/Berlin", Channel = channel, Topics = ["pricing"], UpdatedAt = Start.AddDays(-1),
    };

    [Fact]
    public async Task The_weekly_nudge_comes_on_the_chosen_weekday_and_time_with_new_peers_and_intro_buttons()
    {
        var refused = await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "peerbot cadence weekly sat 10:00"), 1);
        Assert.Contains("never on weekends or in quiet hours", refused[0].Text, StringComparison.Ordinal);
        var late = await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "cadence weekly tue 19:30"), 1);
        Assert.Contains("never on weekends or in quiet hours", late[0].Text, StringComparison.Ordinal);

        var set = await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "peerbot cadence weekly thu 09:30"), 1);
        Assert.Contains("weekly, on Thursdays at 09:30 (Europe/Berlin)", set[0].Text, StringComparison.Ordinal);
        Assert.Contains("Next: Thursday 12 Mar at 09:30", set[0].Text, StringComparison.Ordinal);

        await AdvanceToAsync(new DateTimeOffset(2026, 3, 12, 8, 29, 0, TimeSpan.Zero));
        Assert.DoesNotContain("nudge", CardsIn(AliceChat));
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 12, 8, 31, 0, TimeSpan.Zero));
        var nudge = await CardAsync(AliceChat, "nudge");
        Assert.Contains("Bob Brown", Text(nudge), StringComparison.Ordinal);
        Assert.Contains("Carol Chen", Text(nudge), StringComparison.Ordinal);
        // The CMO is one level apart: offered too, but after the peers in the very same role.
        Assert.True(Text(nudge).IndexOf("Dan Diaz", StringComparison.Ordinal) > Text(nudge).IndexOf("Carol Chen", StringComparison.Ordinal));
        Assert.Contains("\"verb\":\"requestIntro\"", Text(nudge), StringComparison.Ordinal);

        // Nobody is offered twice: next week there is nothing new, so no nudge is sent at all.
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 19, 8, 31, 0, TimeSpan.Zero));
        await NextDueAsync(new DateTimeOffset(2026, 3, 26, 8, 30, 0, TimeSpan.Zero));
        Assert.Single(CardsIn(AliceChat), c => c == "nudge");
        var status = await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "peerbot status"), 1);
        Assert.Contains("Next: Thursday 26 Mar at 09:30", string.Join(" | ", status.Select(s => s.Text ?? TemplateOf(s))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_two_weeks_skips_nudges_and_resumes_by_itself_saying_so()
    {
        var paused = await SayAsync(Activities.Message(Connector.ServiceUrl, Alice, "peerbot pause 2w"), 1);
        Assert.Contains("paused until Monday 23 Mar", paused[0].Text, StringComparison.Ordinal);
        Assert.Contains("resume by themselves", paused[0].Text, StringComparison.Ordinal);

        await AdvanceToAsync(new DateTimeOffset(2026, 3, 23, 7, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain("nudge", CardsIn(AliceChat));
        Assert.DoesNotContain("introNotice", CardsIn(AliceChat));

        await AdvanceToAsync(new DateTimeOffset(2026, 3, 23, 8, 1, 0, TimeSpan.Zero));
        var back = await CardAsync(AliceChat, "introNotice");
        Assert.Contains("Your pause is over and nudges are back on", Text(back), StringComparison.Ordinal);
        Assert.Contains("Tuesday 24 Mar at 10:00", Text(back), StringComparison.Ordinal);

        await AdvanceToAsync(new DateTimeOffset(2026, 3, 24, 9, 1, 0, TimeSpan.Zero)); // 10:00 CET
        await CardAsync(AliceChat, "nudge");
    }

    [Fact]
    public async Task A_connection_is_followed_up_after_seven_days_and_once_more_after_not_yet_and_answers_are_counted()
    {
        var intro = await ConnectAsync("import:bob", requestedAt: Clock.GetUtcNow());
        await AdvanceToAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(31));

        await AdvanceToAsync(Start.AddDays(7).AddMinutes(1));
        var first = await CardAsync(AliceChat, "followUp");
        Assert.Contains("Did you meet?", Text(first), StringComparison.Ordinal);
        Assert.Contains("Bob Brown", Text(first), StringComparison.Ordinal);

        await SayAsync(Activities.Submit(Connector.ServiceUrl, Alice, Answer(intro, 1, FollowUpAnswers.NotYet)), 1);
        await AdvanceToAsync(Start.AddDays(14).AddHours(1));
        var second = await CardAsync(AliceChat, "followUp", skip: 1);
        Assert.Contains("Checking in again", Text(second), StringComparison.Ordinal);

        var thanks = await SayAsync(Activities.Submit(Connector.ServiceUrl, Alice, Answer(intro, 2, FollowUpAnswers.Yes)), 1);
        Assert.Contains("glad you met", Text(thanks[0]), StringComparison.Ordinal);
        var again = await SayAsync(Activities.Submit(Connector.ServiceUrl, Alice, Answer(intro, 2, FollowUpAnswers.WontHappen)), 1);
        Assert.Contains("answered this one already", Text(again[0]), StringComparison.Ordinal);

        Assert.Equal(1, await Get<FollowUps>().MetBetweenAsync(Start, Clock.GetUtcNow().AddMinutes(1), CancellationToken.None));
        var stats = await Get<FollowUps>().StatisticsAsync(CancellationToken.None);
        Assert.Equal((2, 1, 1, 0), (stats["asked"], stats[FollowUpAnswers.NotYet], stats[FollowUpAnswers.Yes], stats.GetValueOrDefault(FollowUpAnswers.WontHappen)));
    }

    [Fact]
    public async Task Three_ignored_intro_requests_pause_nudges_with_a_resume_button()
    {
        foreach (var (peer, days) in new[] { ("import:bob", 3), ("import:carol", 2), ("import:dan", 1) })
        {
            await ExpiredRequestAsync(peer, Clock.GetUtcNow().AddDays(-20 - days));
        }
        await AdvanceToAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(31));
        var card = await CardAsync(AliceChat, "nudgesPaused");
        Assert.Contains("The last 3 intro requests", Text(card), StringComparison.Ordinal);
        Assert.NotNull((await Get<NudgeMemberStore>().GetAsync(AliceId, CancellationToken.None))!.GhostPausedAt);

        // No nudge while paused.
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 10, 9, 1, 0, TimeSpan.Zero));
        Assert.DoesNotContain("nudge", CardsIn(AliceChat));

        var resumed = await SayAsync(Activities.Submit(Connector.ServiceUrl, Alice, new JsonObject { ["action"] = NudgeCards.ResumeVerb }), 1);
        Assert.Contains("Welcome back", Text(resumed[0]), StringComparison.Ordinal);
        var member = await Get<NudgeMemberStore>().GetAsync(AliceId, CancellationToken.None);
        Assert.Null(member!.GhostPausedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.Zero), member.NextDueAt);
    }

    [Fact]
    public async Task A_new_role_brings_congratulations_with_how_many_hold_it_elsewhere()
    {
        var profiles = Get<ProfileStore>();
        var alice = (await profiles.GetAsync(AliceId, CancellationToken.None))!;
        await profiles.SaveAsync(alice.Peer with { Title = "Chief Marketing Officer", UpdatedAt = Clock.GetUtcNow() }, alice.ETag, CancellationToken.None);
        await AdvanceToAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(31));
        await AdvanceToAsync(Clock.GetUtcNow() + TimeSpan.FromSeconds(31));
        var card = await CardAsync(AliceChat, "roleChange");
        Assert.Contains("Congratulations on the new role", Text(card), StringComparison.Ordinal);
        Assert.Contains("One leader holds it (C-level · Marketing)", Text(card), StringComparison.Ordinal);
        Assert.Contains("Dan Diaz", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Bob Brown", Text(card), StringComparison.Ordinal);
    }

    /// <summary>Waits (in real time) until Alice's schedule has moved on to <paramref name="due"/>.</summary>
    private async Task NextDueAsync(DateTimeOffset due)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while ((await Get<NudgeMemberStore>().GetAsync(AliceId, CancellationToken.None))?.NextDueAt != due)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Alice's next nudge did not move to {due:O}.");
            await Task.Delay(200);
        }
    }

    private static JsonObject Answer(Introduction intro, int asked, string answer) => new()
    {
        ["action"] = NudgeCards.FollowUpVerb,
        ["intro"] = intro.PairKey,
        ["round"] = intro.Round,
        ["asked"] = asked,
        ["answer"] = answer,
    };

    private async Task<Introduction> ConnectAsync(string otherId, DateTimeOffset requestedAt)
    {
        var intro = new Introduction
        {
            PairKey = IntroRules.PairKey(otherId, AliceId),
            Round = 1,
            RequesterId = otherId,
            PeerId = AliceId,
            State = IntroState.Connected,
            History =
            [
                new IntroTransition(IntroState.Requested, requestedAt, otherId),
                new IntroTransition(IntroState.Accepted, requestedAt, AliceId),
                new IntroTransition(IntroState.Connected, requestedAt, AliceId),
            ],
        };
        await SaveAsync(intro);
        return intro;
    }

    private Task ExpiredRequestAsync(string requesterId, DateTimeOffset requestedAt) => SaveAsync(new Introduction
    {
        PairKey = IntroRules.PairKey(requesterId, AliceId),
        Round = 1,
        RequesterId = requesterId,
        PeerId = AliceId,
        State = IntroState.Expired,
        History =
        [
            new IntroTransition(IntroState.Requested, requestedAt, requesterId),
            new IntroTransition(IntroState.Expired, requestedAt + IntroRules.ExpiresAfter, IntroSweep.Actor),
        ],
    });

    private async Task SaveAsync(Introduction intro)
    {
        var store = Get<IntroStore>();
        await store.SaveAsync(intro, null, CancellationToken.None);
        // Each member's index row goes with their ledger, as a request writes it.
        var ledgers = Get<IntroLedgers>();
        await ledgers.ChangeAsync(intro.RequesterId, l => l, CancellationToken.None, new IntroIndexEntry(intro.PairKey, intro.PeerId));
        await ledgers.ChangeAsync(intro.PeerId, l => l, CancellationToken.None, new IntroIndexEntry(intro.PairKey, intro.RequesterId));
    }
}
