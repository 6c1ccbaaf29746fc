namespace PeerBot.Teams;

/// <summary>
/// Calls to the Bot Framework connector ("Teams:Connector"): the tenant's rate for the whole bot, and retries.
/// (Each conversation's limits are Teams' own, in <see cref="ConnectorBudgets"/>.)
/// </summary>
public sealed class ConnectorOptions
{
    public const string Section = "Teams:Connector";

    /// <summary>Requests per second per tenant for the whole bot, shared among the live instances.</summary>
    public int TenantPerSecond { get; set; } = 50;

    /// <summary>Tries in all for a 429, 412, 502 or 504 answer, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No send is retried beyond this (a nudge must finish well within its queue message's visibility timeout).</summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromSeconds(50);
}
