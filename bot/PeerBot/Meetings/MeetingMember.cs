namespace PeerBot.Meetings;

/// <summary>
/// A member's meeting settings (hours, reminders; length and meeting link are on the profile, where the form edits
/// them), the pairs and answers that are theirs (so export and erasure need no scan), and the private counts behind
/// the ranking signal.
/// </summary>
public sealed record MeetingMember
{
    public required string MemberId { get; init; }
    public WorkingHours? Hours { get; init; }
    public bool RemindersOff { get; init; }
    /// <summary>Pairs this member found a time with (meeting rows).</summary>
    public IReadOnlyList<string> Pairs { get; init; } = [];
    /// <summary>This member's own feedback rows (partition and row key), newest last.</summary>
    public IReadOnlyList<string> Feedback { get; init; } = [];

    /// <summary>Intro requests this member answered (accepted or declined).</summary>
    public int Answered { get; init; }
    /// <summary>Intro requests that expired on them, and rounds of slots they never answered.</summary>
    public int Ignored { get; init; }
    /// <summary>Meetings reported as having happened (by either side).</summary>
    public int Met { get; init; }

    public WorkingHours HoursOrDefault => Hours ?? WorkingHours.Default;

    /// <summary>
    /// The ranking signal, 0–2: one point for answering intro requests (at least one answer, and no more ignored
    /// than answered), one for having met. Small by design: it only orders peers that are otherwise close.
    /// </summary>
    public int Standing => (Answered > 0 && Ignored <= Answered ? 1 : 0) + (Met > 0 ? 1 : 0);
}
