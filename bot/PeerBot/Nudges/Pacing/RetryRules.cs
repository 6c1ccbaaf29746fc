using System.Net;
using System.Net.Http.Headers;

namespace PeerBot.Nudges.Pacing;

/// <summary>Which answers are worth another try, and how long to wait before it.</summary>
public static class RetryRules
{
    /// <summary>429 (throttled), 412 (precondition, transient in Teams), 502 and 504 (gateway): retried. 403 never is.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Exponential backoff with jitter: a random wait between half and all of base × 2^attempt (capped), and
    /// never less than the server's Retry-After.
    /// </summary>
    public static TimeSpan Delay(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now, PacingOptions options, Random random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        var backoff = TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
        var told = RetryAfter(retryAfter, now);
        // A little jitter on top of Retry-After too, so that every waiting request does not return at once.
        return told is { } t && t >= backoff ? t + TimeSpan.FromMilliseconds(random.Next(0, 50)) : backoff;
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
