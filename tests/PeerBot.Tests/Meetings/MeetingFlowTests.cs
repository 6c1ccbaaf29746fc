using System.Text.Json.Nodes;
using Ical.Net;
using PeerBot.Intros;
using PeerBot.Meetings;
using PeerBot.Profiles;
using PeerBot.Tests.Cards;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// Finding a time between two Teams members through /api/messages under a fake clock: a member without a time zone is
/// asked first, a slot that has started is refused, two picks at the same moment make one booking, and a reschedule and
/// a cancel reach the other side and the invite (same UID, higher SEQUENCE; METHOD:CANCEL).
/// </summary>
public sealed class MeetingFlowTests() : MeetingTest("meetflow")
{
    private const string Ana = "u-ana";
    private const string Ben = "u-ben";
    private static readonly string AnaId = "msteams:" + Ana;
    private static readonly string BenId = "msteams:" + Ben;
    private static readonly string AnaChat = Activities.PersonalConversation(Ana);
    private static readonly string BenChat = Activities.PersonalConversation(Ben);

    private async Task<Introduction> ConnectAsync(string anaZone = "Europe/Berlin", string benZone = "America/New_York")
    {
        await SeedAsync(
            Leader(AnaId, "Ana Costa", "VP Marketing", "Lattice Bank", "ana@lattice.example", "msteams", anaZone),
            Leader(BenId, "Ben Okafor", "Vice President, Marketing", "Orbit Foods", "ben@orbit.example", "msteams", benZone));
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ana, "help"));
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ben, "help"));
        await TeamsAsync(Activities.Submit(Connector.ServiceUrl, Ana, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = BenId }));
        var pair = IntroRules.PairKey(AnaId, BenId);
        await ExecuteAsync(Ben, IntroVerbs.Accept, new JsonObject { ["intro"] = pair, ["round"] = 1 });
        await TeamsCardAsync(AnaChat, "introConnected");
        return await ConnectedAsync(AnaId, BenId);
    }

    private async Task<(JsonObject AnaCard, JsonObject BenCard)> FindTimeAsync(Introduction intro)
    {
        await ExecuteAsync(Ana, MeetingVerbs.FindTime, new JsonObject { ["intro"] = intro.PairKey, ["round"] = intro.Round });
        var ana = await TeamsCardAsync(AnaChat, "findTime");
        var ben = await TeamsCardAsync(BenChat, "findTime");
        return (ana.Card!, ben.Card!);
    }

    private static JsonObject PickData(JsonObject card, IEnumerable<string> slots)
    {
        var data = (JsonObject)Descendants(card).First(n => n["verb"]?.GetValue<string>() == MeetingVerbs.Pick)["data"]!.DeepClone();
        data["slots"] = string.Join(",", slots);
        return data;
    }

    private async Task<Meeting> MeetingAsync(string pairKey) => (await Get<MeetingStore>().GetAsync(pairKey, CancellationToken.None))!.Value.Meeting;

    [Fact]
    public async Task A_member_without_a_time_zone_is_asked_first_and_the_other_when_theirs_is_missing_too()
    {
        var intro = await ConnectAsync(anaZone: "UTC", benZone: "UTC");

        // Ana's client reports Europe/Berlin: it is offered first and preselected, but she is asked, not assumed.
        await ExecuteAsync(Ana, MeetingVerbs.FindTime, new JsonObject { ["intro"] = intro.PairKey, ["round"] = intro.Round });
        var question = await TeamsCardAsync(AnaChat, "meetingZone");
        Assert.Contains("which time zone you're in", question.CardText, StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", ChoiceValues(question.Card!, "zone")[0]);
        Assert.DoesNotContain("\"UTC\"", question.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("findTime", TeamsCardsIn(BenChat));

        // A zone that is not a place is refused; Berlin is saved on her profile, and now Ben is asked.
        var refused = await ExecuteAsync(Ana, MeetingVerbs.SetZone, new JsonObject { ["meeting"] = intro.PairKey, ["zone"] = "UTC" });
        Assert.Contains("Pick the time zone", Said(refused), StringComparison.Ordinal);
        var saved = await ExecuteAsync(Ana, MeetingVerbs.SetZone, new JsonObject { ["meeting"] = intro.PairKey, ["zone"] = "Europe/Berlin" });
        Assert.Equal("Europe/Berlin", (await Get<ProfileStore>().GetAsync(AnaId, CancellationToken.None))!.Peer.TimeZone);
        var asked = await TeamsCardAsync(BenChat, "meetingZone");
        Assert.Contains("Ana Costa would like to find a time", asked.CardText, StringComparison.Ordinal);
        Assert.Contains("I've asked Ben Okafor which time zone", Said(saved), StringComparison.Ordinal);

        // Ben answers: slots go to both, each in their own time.
        var benSlots = await ExecuteAsync(Ben, MeetingVerbs.SetZone, new JsonObject { ["meeting"] = intro.PairKey, ["zone"] = "America/New_York" });
        var anaSlots = await TeamsCardAsync(AnaChat, "findTime");
        Assert.Equal(MeetingRules.MaxSlots, ChoiceValues(anaSlots.Card!, "slots").Count);
        Assert.Equal(ChoiceValues(anaSlots.Card!, "slots"), ChoiceValues(benSlots!, "slots"));
        Assert.Contains("your time · ", anaSlots.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slot_picked_after_it_started_is_refused_and_two_picks_at_the_same_moment_make_one_booking()
    {
        var intro = await ConnectAsync();
        var (anaCard, benCard) = await FindTimeAsync(intro);
        var offered = ChoiceValues(anaCard, "slots");
        var first = Meeting.ParseSlot(offered[0])!.Value;

        // The card waits until the first slot has started: picking it alone is refused, nothing is stored.
        await AdvanceToAsync(first.AddMinutes(1));
        var refused = await ExecuteAsync(Ana, MeetingVerbs.Pick, PickData(anaCard, [offered[0]]));
        Assert.Contains("has already started, so I can't book it", Said(refused), StringComparison.Ordinal);
        Assert.Empty((await MeetingAsync(intro.PairKey)).Picks);

        // Both pick the 2nd and 3rd at the same moment: one booking, on the 2nd, and each member hears of it once.
        var answers = await Task.WhenAll(
            ExecuteAsync(Ana, MeetingVerbs.Pick, PickData(anaCard, offered.Skip(1).Take(2))),
            ExecuteAsync(Ben, MeetingVerbs.Pick, PickData(benCard, offered.Skip(1).Take(2))));
        var meeting = await MeetingAsync(intro.PairKey);
        Assert.Equal(MeetingState.Booked, meeting.State);
        Assert.Equal(Meeting.ParseSlot(offered[1]), meeting.Start);
        Assert.Equal(0, meeting.Sequence);
        Assert.Single(answers, a => Said(a).Contains("Booked: your conversation", StringComparison.Ordinal));
        await Task.Delay(1000);
        var proactive = Connector.SentTo(AnaChat).Concat(Connector.SentTo(BenChat)).Count(s => TemplateOf(s) == "meetingBooked");
        Assert.Equal(1, proactive);
    }

    [Fact]
    public async Task A_reschedule_keeps_the_UID_with_a_higher_SEQUENCE_and_a_cancel_is_METHOD_CANCEL_the_other_side_told_each_time()
    {
        var intro = await ConnectAsync();
        var (anaCard, benCard) = await FindTimeAsync(intro);
        var offered = ChoiceValues(anaCard, "slots");
        await ExecuteAsync(Ana, MeetingVerbs.Pick, PickData(anaCard, [offered[0]]));
        var booked = await ExecuteAsync(Ben, MeetingVerbs.Pick, PickData(benCard, [offered[0]]));
        var first = await InviteAsync(OpenUrl(booked!, "Add to calendar (.ics)"));
        Assert.Equal(("REQUEST", 0), (first.Method, first.Events.Single().Sequence));

        // Ben moves it: Ana is told and gets new times; once both pick, the same UID comes with SEQUENCE 1.
        var moving = await ExecuteAsync(Ben, MeetingVerbs.Reschedule, new JsonObject { ["meeting"] = intro.PairKey, ["number"] = 1 });
        var anaNew = await TeamsCardAsync(AnaChat, "findTime", skip: 1);
        Assert.Contains("Ben Okafor needs to move your conversation", anaNew.CardText, StringComparison.Ordinal);
        var again = ChoiceValues(moving!, "slots");
        Assert.DoesNotContain(offered[0], again);
        await ExecuteAsync(Ana, MeetingVerbs.Pick, PickData(anaNew.Card!, [again[1]]));
        var rebooked = await ExecuteAsync(Ben, MeetingVerbs.Pick, PickData(moving!, [again[1]]));
        Assert.Contains("Moved: your conversation with Ana Costa", Said(rebooked), StringComparison.Ordinal);
        var moved = await InviteAsync(OpenUrl(rebooked!, "Add to calendar (.ics)"));
        Assert.Equal(first.Events.Single().Uid, moved.Events.Single().Uid);
        Assert.Equal(1, moved.Events.Single().Sequence);
        Assert.Equal(Meeting.ParseSlot(again[1])!.Value.UtcDateTime, moved.Events.Single().DtStart!.AsUtc);

        // Ana cancels: Ben is told, with the cancellation for his calendar (METHOD:CANCEL, SEQUENCE 2), read alike by ical.js.
        var cancelled = await ExecuteAsync(Ana, MeetingVerbs.Cancel, new JsonObject { ["meeting"] = intro.PairKey, ["number"] = 1 });
        Assert.Contains("is cancelled, and they have been told", Said(cancelled), StringComparison.Ordinal);
        var told = await TeamsCardAsync(BenChat, "meetingNotice");
        Assert.Contains("Ana Costa cancelled your conversation", told.CardText, StringComparison.Ordinal);
        var cancelText = await IcsAsync(OpenUrl(told.Card!, "Remove from calendar (.ics)"));
        var cancel = Calendar.Load(cancelText)!;
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal((first.Events.Single().Uid, 2, "CANCELLED"), (cancel.Events.Single().Uid, cancel.Events.Single().Sequence, cancel.Events.Single().Status));
        var oracle = NodeOracle.Run("ical-parse.mjs", new JsonArray(new JsonObject { ["ics"] = cancelText }))[0]!;
        Assert.Equal(("CANCEL", 2), (oracle["method"]!.GetValue<string>(), oracle["sequence"]!.GetValue<int>()));
        Assert.Equal(Meeting.ParseSlot(again[1]), DateTimeOffset.Parse(oracle["startUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // Nothing is left to change, and once the meeting's time is over the link no longer works.
        var late = await ExecuteAsync(Ben, MeetingVerbs.Cancel, new JsonObject { ["meeting"] = intro.PairKey, ["number"] = 1 });
        Assert.Null(late);
        await AdvanceToAsync(Meeting.ParseSlot(again[1])!.Value.AddMinutes(31));
        using var expired = await Client.GetAsync(PathOf(OpenUrl(told.Card!, "Remove from calendar (.ics)")));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, expired.StatusCode);
        using var forged = await Client.GetAsync("/meet/CfDJ8forged.ics");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Tokyo_and_San_Francisco_on_nine_to_five_are_told_their_hours_do_not_overlap_and_get_early_and_late_slots()
    {
        var intro = await ConnectAsync(anaZone: "Asia/Tokyo", benZone: "America/Los_Angeles");
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ana, "peerbot hours 09:00-17:00"));
        Assert.Contains("between 09:00–17:00 on weekdays", await LastTextAsync(AnaChat), StringComparison.Ordinal);
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ben, "peerbot hours 9-17"));
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Ben, "peerbot hours 17:00-09:00"));
        Assert.Contains("at least an hour after the start", await LastTextAsync(BenChat), StringComparison.Ordinal);

        var (anaCard, _) = await FindTimeAsync(intro);

        var text = Said(anaCard);
        Assert.Contains("Your working hours don't overlap on any of the next 10 working days", text, StringComparison.Ordinal);
        Assert.Contains("(early for you)", text, StringComparison.Ordinal);
        Assert.Contains("(late for Ben)", text, StringComparison.Ordinal);
        Assert.NotEmpty(ChoiceValues(anaCard, "slots"));
    }

    private async Task<string> LastTextAsync(string conversation)
    {
        await Task.Delay(500);
        return Connector.SentTo(conversation).Last().Text ?? "";
    }

    private async Task<string> IcsAsync(string link)
    {
        using var response = await Client.GetAsync(PathOf(link));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Calendar> InviteAsync(string link) => Calendar.Load(await IcsAsync(link))!;
}
