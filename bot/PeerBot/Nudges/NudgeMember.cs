namespace PeerBot.Nudges;

/// <summary>A member's nudge settings and where their schedule stands.</summary>
public sealed record NudgeMember
{
    public required string MemberId { get; init; }
    public Cadence Cadence { get; init; } = Cadence.Weekly;
    public NudgeTime At { get; init; } = NudgeTime.Default;
    public string TimeZone { get; init; } = "UTC";
    /// <summary>The one nudge currently scheduled; a job for any other time is stale.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    public DateTimeOffset? LastNudgeAt { get; init; }
    /// <summary>Set by "peerbot pause 2w": nudges wait until then, and PeerBot says when they resume.</summary>
    public DateTimeOffset? PausedUntil { get; init; }
    /// <summary>Set by the ghost rule (intro requests ignored in a row) until the member presses Resume.</summary>
    public DateTimeOffset? GhostPausedAt { get; init; }
    /// <summary>Only intro requests after this count towards the ghost rule (set on resume).</summary>
    public DateTimeOffset? GhostResetAt { get; init; }
    public string RoleKey { get; init; } = "";
    public DateTimeOffset JoinedAt { get; init; }
    /// <summary>Peers already offered in a nudge, so nobody is suggested twice.</summary>
    public IReadOnlyList<string> Shown { get; init; } = [];

    public const int MaxShown = 300;

    public Azure.ETag ETag { get; init; }

    public TimeZoneInfo Zone => NudgeCalendar.Zone(TimeZone);

    public bool IsPaused(DateTimeOffset now) => GhostPausedAt is not null || (PausedUntil is { } until && until > now);

    /// <summary>The next nudge after <paramref name="after"/>, honouring cadence, pause and ghost rule.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (GhostPausedAt is not null)
        {
            return null;
        }
        var from = PausedUntil is { } until && until > after ? until : after;
        return NudgeCalendar.Next(Cadence, At, Zone, from, LastNudgeAt);
    }
}
