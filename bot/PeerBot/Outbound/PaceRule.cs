namespace PeerBot.Outbound;

/// <summary>A platform's send limit: "at most <paramref name="Limit"/> requests in any <paramref name="Window"/>".</summary>
public sealed record PaceRule(int Limit, TimeSpan Window);

/// <summary>
/// One budget a request counts against: a tenant, a conversation or a channel, with the platform's rules for it.
/// A budget <paramref name="SharedAcrossInstances"/> is counted by the platform for the whole bot, so each live
/// instance keeps to its share of it (<see cref="OutboundLimits.Instances"/>).
/// </summary>
public sealed record PaceBudget(string Key, IReadOnlyList<PaceRule> Rules, bool SharedAcrossInstances = false);
