using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;
using Polly.Timeout;

namespace PeerBot.Outbound;

/// <summary>
/// One outbound pipeline for every platform call (Teams connector, Slack Web API, Microsoft Graph): the edges name
/// their HttpClient, their retry rules and the budgets a request counts against; this feature retries with
/// Polly, breaks the circuit per destination and keeps to the platforms' limits. It knows no platform.
/// </summary>
public static class OutboundSetup
{
    /// <summary>
    /// Platform limits and retry delays are counted by the platform in real time, so a test clock must neither
    /// stall nor hurry them. A test that wants retries on its own clock registers it under this key.
    /// </summary>
    public const string ClockKey = "PeerBot.Outbound.Clock";

    public static IServiceCollection AddOutbound(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboundLimits>();
        // Polly logs a call's last failed try as an error. Whether it is one is the caller's call (a member's expired
        // response_url is not; a Teams outage is), and every caller logs its own outcome at the level it deserves.
        // Tries stay warnings; the breaker's own events keep their levels.
        services.Configure<TelemetryOptions>(options => options.SeverityProvider = args =>
            args.Event.EventName == "ExecutionAttempt" && args.Event.Severity == ResilienceEventSeverity.Error
                ? ResilienceEventSeverity.Warning
                : args.Event.Severity);
        return services;
    }

    /// <summary>
    /// Puts a destination's named client behind retries (honouring Retry-After, with jitter), a circuit breaker
    /// and, for each try, the platform limits of the budgets <paramref name="budgets"/> names for the request.
    /// </summary>
    public static IHttpClientBuilder AddOutboundPipeline(
        this IHttpClientBuilder client,
        Func<IServiceProvider, OutboundRetry> retry,
        Func<IServiceProvider, HttpRequestMessage, CancellationToken, ValueTask<IReadOnlyList<PaceBudget>>>? budgets = null)
    {
        client.Services.AddOutbound();
        client.AddResilienceHandler(client.Name, (pipeline, context) =>
        {
            var clock = context.ServiceProvider.GetKeyedService<TimeProvider>(ClockKey) ?? TimeProvider.System;
            pipeline.TimeProvider = clock;
            pipeline.AddRetry(retry(context.ServiceProvider).Strategy(clock));
            pipeline.AddCircuitBreaker(Breaker());
        });
        client.AddHttpMessageHandler(sp => new PacedHandler(
            sp.GetRequiredService<OutboundLimits>(),
            budgets is null ? (_, _) => ValueTask.FromResult<IReadOnlyList<PaceBudget>>([]) : (request, cancellationToken) => budgets(sp, request, cancellationToken)));
        // Inside the pacing, so that only the try itself is timed.
        client.AddResilienceHandler(client.Name + "-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetKeyedService<TimeProvider>(ClockKey) ?? TimeProvider.System;
            if (retry(context.ServiceProvider).AttemptTimeout is { } timeout)
            {
                pipeline.AddTimeout(timeout);
            }
        });
        return client;
    }

    /// <summary>
    /// One breaker per destination (per named client): when at least half of 20 or more tries in 30 s found the
    /// destination down (5xx, timeouts, no answer), calls fail at once for 15 s instead of piling up. Rate limits
    /// (429) and refusals (403) say nothing about the destination's health and do not count.
    /// </summary>
    private static HttpCircuitBreakerStrategyOptions Breaker() => new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 20,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(15),
        ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
            { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.RequestTimeout,
            _ => false,
        }),
    };

    /// <summary>True for the exceptions the pipeline throws instead of calling (open circuit, no room in the limits).</summary>
    public static bool IsRefusedByPipeline(Exception e) => e is ExecutionRejectedException;
}
