namespace PeerBot.Meetings;

/// <summary>The numbers behind finding a time, booking and chasing (docs/meetings.md explains each).</summary>
public static class MeetingRules
{
    public const int DefaultMinutes = Profiles.Peer.DefaultMeetingMinutes;
    public const int MaxSlots = 8;
    public const int WorkingDays = 10;
    public const int MaxProposals = 3;

    /// <summary>After this many rounds without a common time, PeerBot suggests email and stops.</summary>
    public const int MaxMissedRounds = 2;

    /// <summary>No slot starts sooner than this, so a booking always leaves room for the reminder.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromHours(2);

    public static readonly TimeSpan SlotStep = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromHours(1);
    public static readonly TimeSpan FollowUpAfterEnd = TimeSpan.FromHours(2);
    public static readonly TimeSpan AgainAfter = TimeSpan.FromDays(90);

    /// <summary>A proposed time may be at most this far ahead.</summary>
    public static readonly TimeSpan ProposalHorizon = TimeSpan.FromDays(42);

    /// <summary>
    /// When a member who has not answered a round hears from PeerBot again, counted from the round's start: two
    /// reminders of the slot card, one gentle nudge at seven days, and then the waiting member is told.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> Chase = [TimeSpan.FromDays(2), TimeSpan.FromDays(4), TimeSpan.FromDays(7), TimeSpan.FromDays(10)];

    /// <summary>Fewer days than this with shared working hours counts as little overlap: early and late slots are added.</summary>
    public const int FewSharedDays = 3;

    public static bool IsValidLength(int minutes) => Profiles.Peer.MeetingLengths.Contains(minutes);
}
