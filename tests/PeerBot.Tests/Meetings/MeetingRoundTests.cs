using System.Text.Json.Nodes;
using PeerBot.Intros;
using PeerBot.Meetings;
using PeerBot.Nudges;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// What happens when finding a time does not go smoothly: no overlap twice (proposals, then email), a partner who never
/// answers (two reminders, a nudge, then the requester is told); and what happens after a meeting: private feedback,
/// the statistics, "meet again" in 90 days, export and erasure.
/// </summary>
public sealed class MeetingRoundTests() : MeetingTest("meetrounds")
{
    private const string Ana = "u-ana";
    private const string Ben = "u-ben";
    private static readonly string AnaId = "msteams:" + Ana;
    private static readonly string BenId = "msteams:" + Ben;
    private static readonly string AnaChat = Activities.PersonalConversation(Ana);
    private static readonly string BenChat = Activities.PersonalConversation(Ben);

    private async Task<Introduction> ConnectAsync()
    {
        await SeedAsync(
            Leader(AnaId, "Ana Costa", "VP Marketing", "Lattice Bank", "ana@lattice.example", "msteams", "Europe/Berlin"),
            Leader(BenId, "Ben Okafor", "Vice President, Marketing", "Orbit Foods", "ben@orbit.example", "msteams", "America/New_York"));
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ana, "help"));
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ben, "help"));
        await TeamsAsync(Activities.Submit(Connector.ServiceUrl, Ana, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = BenId }));
        await ExecuteAsync(Ben, IntroVerbs.Accept, new JsonObject { ["intro"] = IntroRules.PairKey(AnaId, BenId), ["round"] = 1 });
        return await ConnectedAsync(AnaId, BenId);
    }

    private static JsonObject Data(JsonObject card, string verb, Action<JsonObject>? fill = null)
    {
        var data = (JsonObject)Descendants(card).First(n => n["verb"]?.GetValue<string>() == verb)["data"]!.DeepClone();
        fill?.Invoke(data);
        return data;
    }

    [Fact]
    public async Task Two_rounds_without_a_common_time_end_in_a_suggestion_to_email()
    {
        var intro = await ConnectAsync();
        await ExecuteAsync(Ana, MeetingVerbs.FindTime, new JsonObject { ["intro"] = intro.PairKey, ["round"] = 1 });
        var anaCard = (await TeamsCardAsync(AnaChat, "findTime")).Card!;
        var benCard = (await TeamsCardAsync(BenChat, "findTime")).Card!;
        var offered = ChoiceValues(anaCard, "slots");

        // Round 1: Ana picks one time, Ben none of them.
        await ExecuteAsync(Ana, MeetingVerbs.Pick, Data(anaCard, MeetingVerbs.Pick, d => d["slots"] = offered[0]));
        var missed = await ExecuteAsync(Ben, MeetingVerbs.Pick, Data(benCard, MeetingVerbs.Pick, d => d["none"] = "true"));
        Assert.Contains("No time suits you both this round", Said(missed), StringComparison.Ordinal);
        var anaMissed = await TeamsCardAsync(AnaChat, "findTime", skip: 1);
        Assert.Contains("Either of you can propose other times", anaMissed.CardText, StringComparison.Ordinal);

        // Ana proposes her own times, in her own time zone; one too soon is refused with a reason.
        var form = await ExecuteAsync(Ana, MeetingVerbs.OpenProposal, Data(anaMissed.Card!, MeetingVerbs.OpenProposal));
        Assert.Null(form);
        var proposal = await TeamsCardAsync(AnaChat, "proposeTimes");
        var tooSoon = await ExecuteAsync(Ana, MeetingVerbs.Propose, Data(proposal.Card!, MeetingVerbs.Propose, d => { d["date1"] = "2026-03-09"; d["time1"] = "10:00"; }));
        Assert.Contains("is too soon", Said(tooSoon), StringComparison.Ordinal);
        var sent = await ExecuteAsync(Ana, MeetingVerbs.Propose, Data(proposal.Card!, MeetingVerbs.Propose, d =>
        {
            d["date1"] = "2026-03-12";
            d["time1"] = "18:30";
            d["date2"] = "2026-03-13";
            d["time2"] = "07:30";
        }));
        Assert.Contains("I've sent your 2 times to Ben Okafor", Said(sent), StringComparison.Ordinal);
        var benProposal = await TeamsCardAsync(BenChat, "findTime", skip: 1);
        Assert.Contains("Ana Costa proposed other times", benProposal.CardText, StringComparison.Ordinal);
        // 18:30 in Berlin is 13:30 in New York that week.
        Assert.Contains("Thu 12 Mar, 13:30 your time · 18:30 for Ana", benProposal.CardText, StringComparison.Ordinal);

        // Round 2: Ben can make none of them either: both are told to simply email, with the other's address.
        var gaveUp = await ExecuteAsync(Ben, MeetingVerbs.Pick, Data(benProposal.Card!, MeetingVerbs.Pick, d => d["none"] = "true"));
        Assert.Contains("Simply email Ana Costa at ana@lattice.example", Said(gaveUp), StringComparison.Ordinal);
        var anaEmail = await TeamsCardAsync(AnaChat, "meetingNotice");
        Assert.Contains("Simply email Ben Okafor at ben@orbit.example", anaEmail.CardText, StringComparison.Ordinal);
        Assert.Equal(MeetingState.GaveUp, (await Get<MeetingStore>().GetAsync(intro.PairKey, CancellationToken.None))!.Value.Meeting.State);
    }

    [Fact]
    public async Task A_partner_who_never_answers_gets_two_reminders_and_a_nudge_then_the_requester_is_told_and_can_find_someone_else()
    {
        var intro = await ConnectAsync();
        await ExecuteAsync(Ana, MeetingVerbs.FindTime, new JsonObject { ["intro"] = intro.PairKey, ["round"] = 1 });
        var anaCard = (await TeamsCardAsync(AnaChat, "findTime")).Card!;
        await TeamsCardAsync(BenChat, "findTime");
        await ExecuteAsync(Ana, MeetingVerbs.Pick, Data(anaCard, MeetingVerbs.Pick, d => d["slots"] = string.Join(",", ChoiceValues(anaCard, "slots"))));

        await AdvanceToAsync(Start.AddDays(2).AddHours(-1));
        Assert.Single(TeamsCardsIn(BenChat), c => c == "findTime");

        // Each step schedules the next when it has gone out, so time keeps passing until the last one has.
        await AdvanceToAsync(Start.AddDays(11));
        await WhileTimePassesAsync(() => TeamsCardsIn(AnaChat).Contains("meetingNotice"), "the requester to be told");
        var ben = Connector.SentTo(BenChat).Where(s => TemplateOf(s) == "findTime").Select(s => s.CardText).ToList();
        Assert.Equal(4, ben.Count);
        Assert.Contains("A reminder: find a time with Ana Costa", ben[1], StringComparison.Ordinal);
        Assert.Contains("A reminder: find a time with Ana Costa", ben[2], StringComparison.Ordinal);
        Assert.Contains("Ana Costa would still like to talk", ben[3], StringComparison.Ordinal);
        Assert.Contains("No pressure", ben[3], StringComparison.Ordinal);
        // Ana answered, so she is never chased; after ten days she is told and offered other peers in Ben's role.
        Assert.Single(TeamsCardsIn(AnaChat), c => c == "findTime");
        var told = await TeamsCardAsync(AnaChat, "meetingNotice");
        Assert.Contains("Ben Okafor hasn't answered", told.CardText, StringComparison.Ordinal);
        var someoneElse = Descendants(told.Card).First(n => n["verb"]?.GetValue<string>() == "findpeer");
        Assert.Equal("Vice President, Marketing", someoneElse["data"]!["query"]!.GetValue<string>());
        Assert.Equal(1, (await Get<MeetingMemberStore>().GetAsync(BenId, CancellationToken.None))!.Ignored);
    }

    [Fact]
    public async Task Feedback_stays_private_counts_in_statistics_brings_a_new_find_a_time_after_90_days_and_is_exported_and_forgotten()
    {
        var intro = await ConnectAsync();
        await ExecuteAsync(Ana, MeetingVerbs.FindTime, new JsonObject { ["intro"] = intro.PairKey, ["round"] = 1 });
        var anaCard = (await TeamsCardAsync(AnaChat, "findTime")).Card!;
        var benCard = (await TeamsCardAsync(BenChat, "findTime")).Card!;
        var slot = ChoiceValues(anaCard, "slots")[0];
        await ExecuteAsync(Ana, MeetingVerbs.Pick, Data(anaCard, MeetingVerbs.Pick, d => d["slots"] = slot));
        await ExecuteAsync(Ben, MeetingVerbs.Pick, Data(benCard, MeetingVerbs.Pick, d => d["slots"] = slot));
        var end = Meeting.ParseSlot(slot)!.Value.AddMinutes(30);

        // After the meeting both say "Yes, we met" and answer the two questions.
        await AdvanceToAsync(end.AddDays(1));
        foreach (var (user, chat, rating) in new[] { (Ana, AnaChat, "5"), (Ben, BenChat, "4") })
        {
            var followUp = await DueTeamsCardAsync(chat, "followUp");
            var yes = Descendants(followUp.Card).First(n => n["data"]?["answer"]?.GetValue<string>() == FollowUpAnswers.Yes)["data"]!.AsObject();
            var questions = await ExecuteAsync(user, NudgeCards.FollowUpVerb, yes);
            Assert.Contains("Worth your time?", Said(questions), StringComparison.Ordinal);
            var thanks = await ExecuteAsync(user, MeetingVerbs.Feedback, Data(questions!, MeetingVerbs.Feedback, d => { d["rating"] = rating; d["again"] = "yes"; }));
            Assert.Contains("Your answers stay private", Said(thanks), StringComparison.Ordinal);
        }
        // Never shown to the other person: nothing sent to either chat carries a rating.
        Assert.DoesNotContain(Connector.SentTo(AnaChat).Concat(Connector.SentTo(BenChat)), s => s.CardText.Contains("\"rating\"", StringComparison.Ordinal) && TemplateOf(s) != "meetingFeedback");

        // Only in aggregate: the median of 5 and 4, in the statistics.
        var activity = await Get<PeerBot.Stats.NetworkStatistics>().LastThirtyDaysAsync(CancellationToken.None);
        Assert.Equal(4.5, activity.MedianRating);
        Assert.Equal(2, activity.Ratings);
        Assert.Equal(1.0, activity.MetRate);
        Assert.Equal(1, (await Get<MeetingMemberStore>().GetAsync(AnaId, CancellationToken.None))!.Standing);

        // Export carries Ana's own answers only; erasure removes them and her meeting rows.
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ana, "peerbot export"));
        await Task.Delay(500);
        var exportLink = System.Text.RegularExpressions.Regex.Match(Connector.SentTo(AnaChat).Last().Text ?? "", @"\((http[^)]+)\)").Groups[1].Value;
        using var export = await Client.GetAsync(PathOf(exportLink));
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!["meetings"]!;
        Assert.Equal(5, exported["feedback"]![0]!["worthYourTime"]!.GetValue<int>());
        Assert.True(exported["feedback"]![0]!["meetAgain"]!.GetValue<bool>());
        Assert.Single(exported["feedback"]!.AsArray());
        Assert.DoesNotContain("\"4\"", exported.ToJsonString(), StringComparison.Ordinal);

        // Both said they would meet again: 90 days on, both are offered a new "Find a time".
        await AdvanceToAsync(Clock.GetUtcNow() + MeetingRules.AgainAfter + TimeSpan.FromDays(1));
        var again = await DueTeamsCardAsync(BenChat, "meetingNotice");
        Assert.Contains("Time to talk to Ana Costa again?", again.CardText, StringComparison.Ordinal);
        Assert.Contains(MeetingVerbs.FindTime, again.CardText, StringComparison.Ordinal);
        await DueTeamsCardAsync(AnaChat, "meetingNotice");

        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ana, "peerbot forget confirm"));
        await Task.Delay(1000);
        Assert.Null(await Get<MeetingMemberStore>().GetAsync(AnaId, CancellationToken.None));
        Assert.Null(await Get<MeetingStore>().GetAsync(intro.PairKey, CancellationToken.None));
        var ratings = await Get<PeerBot.Stats.IMeetingRatings>().RatingsBetweenAsync(Start, Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal([4], ratings);
    }
}
