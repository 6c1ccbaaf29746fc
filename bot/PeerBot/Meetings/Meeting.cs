using System.Globalization;

namespace PeerBot.Meetings;

/// <summary>Where finding a time for a pair stands.</summary>
public enum MeetingState
{
    /// <summary>Waiting for a member to say which time zone they are in.</summary>
    AwaitingZone,

    /// <summary>Slots are out; waiting for picks.</summary>
    Proposing,

    Booked,
    Cancelled,

    /// <summary>Two rounds without a common time: PeerBot suggested email and stopped.</summary>
    GaveUp,

    /// <summary>The pair reported meeting without booking a time through PeerBot (kept for "meet again").</summary>
    Met,
}

/// <summary>
/// Finding a time for one connected pair, and the meeting it leads to. One row per pair; <see cref="Number"/>
/// counts the meetings the pair has booked or tried to book, so the calendar UID of a later meeting differs, and
/// <see cref="Round"/> counts the rounds of slots within one, so a pick on an old card never lands on a newer round.
/// </summary>
public sealed record Meeting
{
    public const string SlotFormat = "yyyyMMdd'T'HHmm'Z'";

    public required string PairKey { get; init; }
    public required int IntroRound { get; init; }
    public required int Number { get; init; }
    /// <summary>Who asked for the intro: the invite's organizer, whose meeting link is used.</summary>
    public required string OrganizerId { get; init; }
    public required string GuestId { get; init; }
    /// <summary>Who pressed "Find a time" (their meeting length is used).</summary>
    public required string StartedBy { get; init; }
    public required MeetingState State { get; init; }
    public int Minutes { get; init; } = MeetingRules.DefaultMinutes;
    public int Round { get; init; }
    /// <summary>Rounds that ended with no time both could make.</summary>
    public int MissedRounds { get; init; }
    /// <summary>The slots offered in this round (UTC starts, <see cref="SlotFormat"/>).</summary>
    public IReadOnlyList<string> Slots { get; init; } = [];
    /// <summary>True when this round's slots reach outside someone's working hours (little or no overlap).</summary>
    public bool Stretched { get; init; }
    /// <summary>Days of the window with shared working hours, when PeerBot chose this round's slots.</summary>
    public int SharedDays { get; init; }
    /// <summary>Who proposed this round's times, when a member did (they count as having picked them all).</summary>
    public string? ProposedBy { get; init; }
    /// <summary>Each member's picks this round; an empty list is "none of these".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Picks { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    public DateTimeOffset RoundStartedAt { get; init; }
    public DateTimeOffset? Start { get; init; }
    /// <summary>The invite's SEQUENCE: 0 when first booked, one more for every reschedule and for a cancel.</summary>
    public int Sequence { get; init; }
    public string Location { get; init; } = "";
    /// <summary>True once a time was booked: a later booking is a reschedule (same UID, higher SEQUENCE).</summary>
    public bool EverBooked { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Members who answered "Meet again in a few months?" with yes, after this meeting.</summary>
    public IReadOnlyList<string> AgainYes { get; init; } = [];
    /// <summary>Set once the waiting member has been told the other never answered this round.</summary>
    public bool WaitingToldRound { get; init; }

    public DateTimeOffset? End => Start?.AddMinutes(Minutes);

    public string Uid => $"{PairKey}-{Number.ToString(CultureInfo.InvariantCulture)}@peerbot";

    public bool Includes(string memberId) => memberId == OrganizerId || memberId == GuestId;

    public string OtherThan(string memberId) => memberId == OrganizerId ? GuestId : OrganizerId;

    public bool HasAnswered(string memberId) => Picks.ContainsKey(memberId) || ProposedBy == memberId;

    /// <summary>What the member counts as having picked this round (the proposer: everything they proposed).</summary>
    public IReadOnlyList<string> PicksOf(string memberId) =>
        ProposedBy == memberId ? Slots : Picks.TryGetValue(memberId, out var picks) ? picks : [];

    public static string SlotId(DateTimeOffset start) => start.UtcDateTime.ToString(SlotFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseSlot(string id) =>
        DateTime.TryParseExact(id, SlotFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
}
