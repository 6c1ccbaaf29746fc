namespace PeerBot.Intros;

/// <summary>Where an introduction stands. Requested → Accepted → Connected, or Declined, Expired or Cancelled.</summary>
public enum IntroState
{
    Requested,
    Accepted,
    Connected,
    Declined,
    Expired,
    Cancelled,
}

/// <summary>One state change, when it happened, and whose click (or which sweep) caused it.</summary>
public sealed record IntroTransition(IntroState State, DateTimeOffset At, string By);

/// <summary>
/// A double opt-in introduction between a requester and a peer. There is one row per pair of members;
/// <see cref="Round"/> counts how often the pair has been requested, so a button on an old card never acts
/// on a newer request.
/// </summary>
public sealed record Introduction
{
    public required string PairKey { get; init; }
    public required int Round { get; init; }
    public required string RequesterId { get; init; }
    public required string PeerId { get; init; }
    public string Note { get; init; } = "";
    public required IntroState State { get; init; }
    public required IReadOnlyList<IntroTransition> History { get; init; }
    /// <summary>The activity that created this round, so a redelivered request creates nothing new.</summary>
    public string RequestActivityId { get; init; } = "";
    /// <summary>Set when the peer chose "Not now": the intro waits for their next nudge.</summary>
    public DateTimeOffset? SnoozedAt { get; init; }
    /// <summary>Members who used their one message forwarded by PeerBot (offered when no contact details are known).</summary>
    public IReadOnlyList<string> RelayedBy { get; init; } = [];

    public DateTimeOffset RequestedAt => At(IntroState.Requested) ?? DateTimeOffset.MinValue;

    public bool IsOpen => State is IntroState.Requested or IntroState.Accepted;

    public DateTimeOffset? At(IntroState state) => History.LastOrDefault(t => t.State == state)?.At;

    public string OtherThan(string memberId) => memberId == RequesterId ? PeerId : RequesterId;

    public Introduction MoveTo(IntroState state, DateTimeOffset at, string by) =>
        this with { State = state, History = [.. History, new IntroTransition(state, at, by)] };
}
