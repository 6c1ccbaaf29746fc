using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>The card verbs of finding a time (buttons on the connected card and the meeting cards).</summary>
public static class MeetingVerbs
{
    public const string FindTime = "findTime";
    public const string SetZone = "setMeetingZone";
    public const string Pick = "pickSlots";
    public const string OpenProposal = "openProposal";
    public const string Propose = "proposeTimes";
    public const string Reschedule = "rescheduleMeeting";
    public const string Cancel = "cancelMeeting";
    public const string Feedback = "meetingFeedback";
}

/// <summary>View data for the meeting cards (cards/teams and cards/slack: findTime, meetingZone, proposeTimes, meetingBooked, meetingFeedback, meetingNotice).</summary>
public static class MeetingCards
{
    private const int MaxOptionText = 75;

    /// <summary>The slots of this round for one member, each in their time and the other's, to tick every one that suits.</summary>
    public static CardReply FindTime(Meeting meeting, Availability mine, Availability theirs, Peer other, string headline, string message, bool canPick, bool canPropose)
    {
        var first = MeetingTimes.FirstName(other.Name);
        var slots = meeting.Slots
            .Select(id => (Id: id, Start: Meeting.ParseSlot(id)))
            .Where(s => s.Start is not null)
            .Select(s => MeetingTimes.Both(s.Start!.Value, mine.Zone, theirs.Zone, other.Name) + Stretch(mine.Fit(s.Start.Value, meeting.Minutes), "you") + Stretch(theirs.Fit(s.Start.Value, meeting.Minutes), first) is var title
                ? (JsonNode?)new JsonObject
                {
                    ["title"] = title,
                    // Slack's checkbox labels hold at most 75 characters.
                    ["short"] = title.Length <= MaxOptionText ? title : title[..(MaxOptionText - 1)] + "…",
                    ["value"] = s.Id,
                }
                : null);
        var list = new JsonArray([.. slots]);
        canPick = canPick && list.Count > 0;
        return new CardReply("findTime", new JsonObject
        {
            ["meeting"] = meeting.PairKey,
            ["number"] = meeting.Number,
            ["round"] = meeting.Round,
            ["headline"] = headline,
            ["message"] = message,
            ["note"] = Note(meeting),
            ["other"] = new JsonObject { ["name"] = other.Name, ["first"] = MeetingTimes.FirstName(other.Name) },
            ["minutes"] = meeting.Minutes,
            ["zone"] = mine.Zone.Id.Replace('_', ' '),
            ["slots"] = list,
            ["canPick"] = canPick,
            ["canPropose"] = canPropose,
        }, canPick ? $"{headline}: {list.Count} times to choose from." : headline);
    }

    /// <summary>What the card says about the overlap of the two members' hours, when PeerBot chose the slots.</summary>
    public static string Note(Meeting meeting) => meeting.ProposedBy is not null ? "" : (meeting.Slots.Count, meeting.SharedDays, meeting.Stretched) switch
    {
        (0, _, _) => $"No time in the next {MeetingRules.WorkingDays} working days fits you both. Propose times that could work.",
        (_, 0, true) => $"Your working hours don't overlap on any of the next {MeetingRules.WorkingDays} working days, so these times are early for one of you or late for the other.",
        (_, var days, true) => $"Your working hours overlap on only {days} of the next {MeetingRules.WorkingDays} working days, so some times are early for one of you or late for the other.",
        _ => "",
    };

    private static string Stretch(SlotFit fit, string who) => fit switch
    {
        SlotFit.Early => $" (early for {who})",
        SlotFit.Late => $" (late for {who})",
        _ => "",
    };

    public static CardReply Zone(string pairKey, IReadOnlyList<string> zones, string preselected, string message) => new("meetingZone", new JsonObject
    {
        ["meeting"] = pairKey,
        ["zones"] = new JsonArray([.. zones.Select(z => (JsonNode?)new JsonObject { ["title"] = z.Replace('_', ' '), ["value"] = z })]),
        ["zone"] = preselected,
        ["message"] = message,
    }, "Which time zone are you in? I need it to find a time that suits you both.");

    public static CardReply Proposal(Meeting meeting, TimeZoneInfo mine, Peer other, string message, DateOnly firstDay) => new("proposeTimes", new JsonObject
    {
        ["meeting"] = meeting.PairKey,
        ["number"] = meeting.Number,
        ["other"] = new JsonObject { ["name"] = other.Name, ["first"] = MeetingTimes.FirstName(other.Name) },
        ["zone"] = mine.Id.Replace('_', ' '),
        ["minutes"] = meeting.Minutes,
        ["message"] = message,
        ["day"] = firstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }, $"Propose up to {MeetingRules.MaxProposals} times for {other.Name}.");

    /// <summary>The booked meeting (also the reminder): when, where, the invite and calendar links, and the change buttons.</summary>
    public static CardReply Booked(Meeting meeting, TimeZoneInfo mine, TimeZoneInfo theirs, Peer other, IReadOnlyList<string> starters, string headline,
        string ics, string outlook, string google, bool canChange) => new("meetingBooked", new JsonObject
    {
        ["meeting"] = meeting.PairKey,
        ["number"] = meeting.Number,
        ["headline"] = headline,
        ["when"] = MeetingTimes.Both(meeting.Start!.Value, mine, theirs, other.Name, meeting.Minutes),
        ["minutes"] = meeting.Minutes,
        ["location"] = meeting.Location,
        ["other"] = new JsonObject { ["name"] = other.Name, ["title"] = other.Title, ["organization"] = other.Organization },
        ["email"] = other.Email ?? "",
        ["starters"] = new JsonArray([.. starters.Select(s => (JsonNode?)s)]),
        ["ics"] = ics,
        ["outlook"] = outlook,
        ["google"] = google,
        ["canChange"] = canChange,
    }, $"{headline}: {MeetingTimes.Both(meeting.Start!.Value, mine, theirs, other.Name)}.");

    public static CardReply Feedback(string pairKey, int round, Peer? other, string message = "") => new("meetingFeedback", new JsonObject
    {
        ["meeting"] = pairKey,
        ["round"] = round,
        ["other"] = new JsonObject { ["name"] = other?.Name ?? "your peer" },
        ["message"] = message,
    }, "Great — glad you met! Two quick, private questions.");

    /// <summary>A short message, with "Find a time" (for a pair), "Find someone else" (a search) and a link button when they apply.</summary>
    public static CardReply Notice(string title, string message, string? findTimeFor = null, int introRound = 0, string findPeer = "", string link = "", string linkTitle = "") => new("meetingNotice", new JsonObject
    {
        ["title"] = title,
        ["message"] = message,
        ["link"] = link,
        ["linkTitle"] = linkTitle,
        ["meeting"] = findTimeFor ?? "",
        ["round"] = introRound,
        ["canFindTime"] = findTimeFor is not null,
        // Carried inside a Slack button's JSON value: no quotes or backslashes from a member's title.
        ["query"] = new string([.. findPeer.Where(c => c is not ('"' or '\\') && !char.IsControl(c))]),
        ["canFindPeer"] = findPeer.Length > 0,
    }, message);
}
