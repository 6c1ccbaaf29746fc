namespace PeerBot.Outbound;

/// <summary>
/// A platform's send limit: "at most <paramref name="Limit"/> requests in any <paramref name="Window"/>". The window
/// is counted from each answer (a request arriving late never lands in the next window), or, for a platform that
/// asks only for sends spaced out and tolerates short bursts (Slack's one message a second per channel), from each
/// send (<paramref name="FromSend"/>), so that waiting for answers does not serialise a channel.
/// </summary>
public sealed record PaceRule(int Limit, TimeSpan Window, bool FromSend = false);

/// <summary>
/// One budget a request counts against: a tenant, a conversation or a channel, with the platform's rules for it.
/// A budget <paramref name="SharedAcrossInstances"/> is counted by the platform for the whole bot, so each live
/// instance keeps to its share of it (<see cref="OutboundLimits.Instances"/>).
/// </summary>
public sealed record PaceBudget(string Key, IReadOnlyList<PaceRule> Rules, bool SharedAcrossInstances = false);
