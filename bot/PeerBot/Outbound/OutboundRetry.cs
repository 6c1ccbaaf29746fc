using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace PeerBot.Outbound;

/// <summary>
/// How one destination retries: which answers are worth another try, how many tries, and how long to wait.
/// 429, 412, 502 and 504 are transient on every platform; 403 never is (Teams: the member blocked the bot or the
/// bot left the roster; they must come back first).
/// </summary>
public sealed record OutboundRetry
{
    /// <summary>Tries in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first back-off; it doubles per retry, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After longer than this is not waited for: the answer goes back to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>No retry starts when it could not begin within this long of the first try.</summary>
    public TimeSpan MaxRetryDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Statuses retried besides the common ones (Slack asks for 5xx to be retried too).</summary>
    public IReadOnlySet<HttpStatusCode> AlsoRetried { get; init; } = new HashSet<HttpStatusCode>();

    /// <summary>Whether a request that got no answer at all (refused, reset, timed out) is tried again.</summary>
    public bool RetryUnanswered { get; init; }

    /// <summary>How long one try may take once it is sent (waiting for the platform's limits not included).</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    public static readonly IReadOnlySet<HttpStatusCode> Transient = new HashSet<HttpStatusCode>
    {
        HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout,
    };

    private static readonly ResiliencePropertyKey<long> FirstTry = new("PeerBot.Outbound.FirstTry");

    public bool IsRetried(HttpStatusCode status) =>
        status != HttpStatusCode.Forbidden && (Transient.Contains(status) || AlsoRetried.Contains(status));

    /// <summary>The Polly retry strategy for these rules; delays run on <paramref name="clock"/>.</summary>
    public HttpRetryStrategyOptions Strategy(TimeProvider clock) => new()
    {
        MaxRetryAttempts = Math.Max(1, MaxAttempts - 1),
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, clock)),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            Delay(args.AttemptNumber, args.Outcome.Result?.Headers.RetryAfter, clock.GetUtcNow(), Random.Shared)),
    };

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider clock)
    {
        if (!context.Properties.TryGetValue(FirstTry, out var first))
        {
            context.Properties.Set(FirstTry, first = clock.GetTimestamp());
        }
        if (outcome.Exception is not null)
        {
            return RetryUnanswered && outcome.Exception is HttpRequestException or TimeoutRejectedException && !context.CancellationToken.IsCancellationRequested;
        }
        var response = outcome.Result!;
        if (!IsRetried(response.StatusCode))
        {
            return false;
        }
        var told = RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow()) ?? TimeSpan.Zero;
        return told <= MaxRetryAfter && clock.GetElapsedTime(first) + told <= MaxRetryDuration;
    }

    /// <summary>
    /// Exponential back-off with "equal jitter" (a random wait between half and all of base × 2^attempt, capped), so
    /// that retries from many requests and instances spread out; never less than the server's Retry-After, plus a
    /// little jitter on that too, so that everyone told to wait does not return at the same moment.
    /// </summary>
    public TimeSpan Delay(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset now, Random random)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var backoff = TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
        return RetryAfter(retryAfter, now) is { } told && told >= backoff ? told + TimeSpan.FromMilliseconds(random.Next(0, 50)) : backoff;
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
