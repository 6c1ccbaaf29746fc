namespace PeerBot.Nudges.Pacing;

/// <summary>"At most <paramref name="Limit"/> in any <paramref name="Window"/>".</summary>
public sealed record PaceRule(int Limit, TimeSpan Window);

/// <summary>The platforms' published send limits.</summary>
public static class PaceRules
{
    /// <summary>Teams, per bot and conversation: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour.</summary>
    public static readonly IReadOnlyList<PaceRule> TeamsConversation =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];
}

/// <summary>One pacing bucket a request counts against: a tenant or a conversation.</summary>
public sealed record PaceBucket(string Key, IReadOnlyList<PaceRule> Rules);
