using System.Text.Json.Nodes;
using Ical.Net;
using PeerBot.Intros;
using PeerBot.Meetings;
using PeerBot.Nudges;
using PeerBot.Tests.Cards;
using PeerBot.Tests.Slack;
using PeerBot.Tests.Teams;
using PeerBot.Tests.Tenancy;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// Done when: a Teams member (Berlin) and a Slack member (New York) go from "You're connected" to a booked meeting
/// with a valid .ics, a reminder an hour before and the "Did you meet?" follow-up two hours after it ends, through
/// /api/messages and the Slack endpoints, under a fake clock.
/// </summary>
public sealed class CrossChannelMeetingTests() : MeetingTest("meetxchan")
{
    private const string Tom = "u-tom";
    private const string SaraUser = "U0SARA";
    private static readonly string TomId = "msteams:" + Tom;
    private static readonly string SaraId = $"slack:{SlackRequests.Team}:{SaraUser}";
    private static readonly string TomChat = Activities.PersonalConversation(Tom);
    private static readonly string SaraDm = SlackStub.DirectMessage(SaraUser);

    private const string TomLink = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_tom";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slack.Users[SaraUser] = ("Sara Slack", "sara@harbor.example");
        Connector.Roster[Tom] = new RosterMember("Tom Teams", "tom@orbit.example", "tom@orbit.example", Activities.Tenant);

        // Tom installs PeerBot in Teams and fills in the form he is shown: 45-minute meetings, with his own link.
        await TeamsAsync(TeamsProtocol.InstallationUpdate(Connector.ServiceUrl, Tom, Activities.Tenant));
        var form = (await TeamsCardAsync(TomChat, "profileForm")).Card!;
        Assert.Contains(TeamsProtocol.Inputs(form), i => i["id"]?.GetValue<string>() == "meetingMinutes");
        Assert.Contains(TeamsProtocol.Inputs(form), i => i["id"]?.GetValue<string>() == "meetingLink");
        var filled = TeamsProtocol.FilledForm(form, "Tom Teams", "Vice President, Marketing", "Orbit Foods", topics: "pricing; brand");
        filled["timeZone"] = "Europe/Berlin";
        filled["meetingMinutes"] = "45";
        filled["meetingLink"] = TomLink;
        await TeamsAsync(Activities.Submit(Connector.ServiceUrl, Tom, filled));
        await WaitForTeamsTextAsync(TomChat, "Your profile is saved");

        // Sara opens PeerBot's messages tab in Slack, presses the button that opens the form, and saves the modal.
        await SlackEventAsync(SlackRequests.Event(new JsonObject { ["type"] = "app_home_opened", ["user"] = SaraUser, ["channel"] = SaraDm, ["tab"] = "messages" }));
        var prompt = await Slack.WaitForAsync(c => c.Button("editProfile") is not null, what: "the button that opens the form");
        await SlackPressAsync(SaraUser, prompt, prompt.Button("editProfile")!);
        var view = (await Slack.WaitForAsync(c => c.Method == "views.open", what: "the profile modal")).Body["view"]!.AsObject();
        await SlackInteractAsync(SlackRequests.ViewSubmission(SaraUser, view["callback_id"]!.GetValue<string>(), Filled(view, new()
        {
            ["title"] = "VP Marketing", ["organization"] = "Harbor Analytics", ["headcount"] = "600", ["topics"] = "pricing; hiring",
            ["timeZone"] = "America/New_York",
        }), view["private_metadata"]!.GetValue<string>()));
        await Slack.WaitForMessageAsync("Your profile is saved", SaraDm);
    }

    /// <summary>The modal's inputs as Slack reports them on submit: what the member typed, else what the form showed.</summary>
    private static JsonObject Filled(JsonObject view, Dictionary<string, string> typed)
    {
        var values = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]?.GetValue<string>() == "input"))
        {
            var id = block["block_id"]!.GetValue<string>();
            var element = block["element"]!.AsObject();
            var type = element["type"]!.GetValue<string>();
            var shown = element["initial_value"]?.GetValue<string>() ?? element["initial_option"]?["value"]?.GetValue<string>();
            var value = typed.TryGetValue(id, out var given) ? given : shown;
            values[id] = new JsonObject
            {
                [element["action_id"]!.GetValue<string>()] = type switch
                {
                    "static_select" => new JsonObject { ["type"] = type, ["selected_option"] = value is null ? null : new JsonObject { ["value"] = value } },
                    "checkboxes" => new JsonObject { ["type"] = type, ["selected_options"] = element["initial_options"]?.DeepClone() ?? new JsonArray() },
                    _ => new JsonObject { ["type"] = type, ["value"] = value },
                },
            };
        }
        return values;
    }

    private async Task SlackEventAsync(JsonObject envelope)
    {
        using var request = SlackRequests.SignedPost("/slack/events", envelope.ToJsonString(), at: Clock.GetUtcNow());
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForTeamsTextAsync(string conversation, string text)
    {
        for (var i = 0; i < 300 && !Connector.SentTo(conversation).Any(s => s.Text?.Contains(text, StringComparison.Ordinal) == true); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains(Connector.SentTo(conversation), s => s.Text?.Contains(text, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_Teams_member_and_a_Slack_member_go_from_connected_to_a_booked_meeting_with_invite_reminder_and_follow_up()
    {
        // Tom finds Sara with findpeer and asks her for an intro in Teams; she accepts in Slack; both get "You're connected".
        await TeamsAsync(Activities.Message(Connector.ServiceUrl, Tom, "findpeer VP marketing"));
        var results = (await TeamsCardAsync(TomChat, "results")).Card!;
        Assert.Contains("Sara Slack", Said(results), StringComparison.Ordinal);
        var ask = Descendants(results).First(n => n["data"]?["action"]?.GetValue<string>() == IntroVerbs.Request && n["data"]?["peer"]?.GetValue<string>() == SaraId)["data"]!.AsObject();
        await TeamsAsync(Activities.Submit(Connector.ServiceUrl, Tom, (JsonObject)ask.DeepClone()));
        var request = await Slack.WaitForMessageAsync("would like an intro", SaraDm);
        await SlackPressAsync(SaraUser, request, request.Button(IntroVerbs.Accept)!);
        var saraConnected = await Slack.WaitForMessageAsync("You're connected with Tom Teams", SaraDm);
        var tomConnected = await TeamsCardAsync(TomChat, "introConnected");
        // The connected cards go out just before the intro is recorded as connected.
        await ConnectedAsync(TomId, SaraId);
        Assert.NotNull(saraConnected.Button(MeetingVerbs.FindTime));

        // Tom presses "Find a time" on his connected card (Teams, Action.Execute): slots come to both, each in their own time.
        var findTime = Descendants(tomConnected.Card).First(n => n["verb"]?.GetValue<string>() == MeetingVerbs.FindTime);
        await ExecuteAsync(Tom, MeetingVerbs.FindTime, findTime["data"]!.AsObject());
        var tomSlots = await TeamsCardAsync(TomChat, "findTime");
        var saraSlots = await Slack.WaitForMessageAsync("Tom Teams would like to find a time to talk", SaraDm);
        var offered = ChoiceValues(tomSlots.Card!, "slots");
        Assert.Equal(MeetingRules.MaxSlots, offered.Count);
        Assert.Equal(offered, CheckboxValues(saraSlots));
        var first = Meeting.ParseSlot(offered[0])!.Value;
        // Berlin is five hours ahead of New York this week (New York changed clocks on 8 March, Berlin on 29 March).
        Assert.Contains(MeetingTimes.Both(first, Zone("Europe/Berlin"), Zone("America/New_York"), "Sara Slack"), tomSlots.CardText, StringComparison.Ordinal);
        Assert.Contains(MeetingTimes.Both(first, Zone("America/New_York"), Zone("Europe/Berlin"), "Tom Teams"), saraSlots.Raw, StringComparison.Ordinal);
        var hourInBerlin = TimeZoneInfo.ConvertTime(first, Zone("Europe/Berlin")).Hour;
        Assert.Equal(hourInBerlin - 5, TimeZoneInfo.ConvertTime(first, Zone("America/New_York")).Hour);

        // Tom ticks the 2nd, 3rd and 4th; Sara ticks the 3rd and 4th in Slack's checkboxes: the 3rd is booked, both told at once.
        var pick = Descendants(tomSlots.Card).First(n => n["verb"]?.GetValue<string>() == MeetingVerbs.Pick)["data"]!.AsObject();
        pick["slots"] = string.Join(",", offered.Skip(1).Take(3));
        var tomAnswer = await ExecuteAsync(Tom, MeetingVerbs.Pick, pick);
        Assert.Contains("I'll book the earliest time that suits Sara Slack too", Said(tomAnswer), StringComparison.Ordinal);
        await SlackPressAsync(SaraUser, saraSlots, saraSlots.Button(MeetingVerbs.Pick)!, Ticked("slots", offered.Skip(2).Take(2)));
        var saraBooked = await Slack.WaitForMessageAsync("Booked: your conversation with Tom Teams", SaraDm);
        var tomBooked = await TeamsCardAsync(TomChat, "meetingBooked");
        var booked = Meeting.ParseSlot(offered[2])!.Value;
        Assert.Contains(MeetingTimes.Both(booked, Zone("Europe/Berlin"), Zone("America/New_York"), "Sara Slack", 45), tomBooked.CardText, StringComparison.Ordinal);
        Assert.Contains("sara@harbor.example", tomBooked.CardText, StringComparison.Ordinal);
        Assert.Contains("tom@orbit.example", saraBooked.Raw, StringComparison.Ordinal);
        Assert.Contains("calendar.google.com", saraBooked.Raw, StringComparison.Ordinal);
        Assert.Contains("outlook.office.com", saraBooked.Raw, StringComparison.Ordinal);

        // The invite: a sealed link the bot serves, read by Ical.Net and by ical.js, which agree on the UTC start.
        var link = OpenUrl(tomBooked.Card!, "Add to calendar (.ics)");
        Assert.StartsWith("https://peerbot.example/meet/", link, StringComparison.Ordinal);
        Assert.EndsWith(".ics", link, StringComparison.Ordinal);
        using var response = await Client.GetAsync(PathOf(link));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        var parsed = Calendar.Load(ics)!;
        var invite = parsed.Events.Single();
        Assert.Equal("REQUEST", parsed.Method);
        Assert.True(invite.DtStart!.IsUtc);
        Assert.Equal(booked.UtcDateTime, invite.DtStart.AsUtc);
        // Tom organizes (he asked for the intro): his 45 minutes and his meeting link, both from his profile form.
        Assert.Equal(booked.AddMinutes(45).UtcDateTime, invite.DtEnd!.AsUtc);
        Assert.Equal(TomLink, invite.Location);
        Assert.Equal(["mailto:tom@orbit.example", "mailto:sara@harbor.example"], invite.Attendees.Select(a => a.Value!.ToString()));
        Assert.Equal("mailto:tom@orbit.example", invite.Organizer!.Value!.ToString());
        Assert.Contains("How are you approaching pricing this year?", invite.Description, StringComparison.Ordinal);
        var oracle = NodeOracle.Run("ical-parse.mjs", new JsonArray(new JsonObject { ["ics"] = ics }))[0]!;
        Assert.Null(oracle["error"]);
        Assert.True(oracle["startIsUtc"]!.GetValue<bool>());
        Assert.Equal(booked, DateTimeOffset.Parse(oracle["startUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(invite.Uid, oracle["uid"]!.GetValue<string>());

        // An hour before: a reminder to both.
        Assert.DoesNotContain(Slack.Messages, c => c.Raw.Contains("In one hour", StringComparison.Ordinal));
        await AdvanceToAsync(booked - TimeSpan.FromMinutes(61));
        Assert.DoesNotContain(Slack.Messages, c => c.Raw.Contains("In one hour", StringComparison.Ordinal));
        await AdvanceToAsync(booked - TimeSpan.FromMinutes(59));
        await Slack.WaitForMessageAsync("In one hour: your conversation with Tom Teams", SaraDm);
        var reminder = await DueTeamsCardAsync(TomChat, "meetingBooked", skip: 1);
        Assert.Contains("In one hour: your conversation with Sara Slack", reminder.CardText, StringComparison.Ordinal);

        // Two hours after the booked end (not seven days after connecting): "Did you meet?" to both, each moved out of
        // their own quiet hours as every follow-up is (midday in New York; in Berlin that may be evening already).
        var afterEnd = booked.AddMinutes(45) + MeetingRules.FollowUpAfterEnd;
        await AdvanceToAsync(afterEnd - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(Slack.Messages, c => c.Raw.Contains("Did you meet?", StringComparison.Ordinal));
        await AdvanceToAsync(afterEnd + TimeSpan.FromMinutes(1));
        var saraFollowUp = await Slack.WaitForMessageAsync("Did you meet?", SaraDm);
        var tomDue = NudgeCalendar.NextAllowed(afterEnd, Zone("Europe/Berlin"), NudgeTime.Default);
        if (tomDue > afterEnd + TimeSpan.FromMinutes(1))
        {
            Assert.DoesNotContain("followUp", TeamsCardsIn(TomChat));
            await AdvanceToAsync(tomDue + TimeSpan.FromMinutes(1));
        }
        var tomFollowUp = await DueTeamsCardAsync(TomChat, "followUp");
        Assert.Contains("Sara Slack", tomFollowUp.CardText, StringComparison.Ordinal);

        // "Yes" brings the two private questions; the 7-day follow-up that was planned at connection never comes.
        await SlackPressAsync(SaraUser, saraFollowUp, saraFollowUp.Button(NudgeCards.FollowUpVerb)!);
        await Slack.WaitForAsync(c => c.Method == "chat.update" && c.Raw.Contains("Worth your time?", StringComparison.Ordinal), what: "the feedback questions");
        await AdvanceToAsync(Start.AddDays(8));
        Assert.Single(TeamsCardsIn(TomChat), c => c == "followUp");
        Assert.Single(Slack.Messages, c => c.Raw.Contains("Did you meet?", StringComparison.Ordinal));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
