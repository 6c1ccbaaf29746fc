using Microsoft.Extensions.Options;

namespace PeerBot.Intros;

public sealed class IntroSweepOptions
{
    public const string Section = "Intros";

    /// <summary>How often open requests are checked for expiry.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Expires requests nobody answered within 14 days (telling both sides), and finishes accepts whose turn
/// died before the connected cards went out. Safe on any number of instances: every change is ETag-guarded.
/// </summary>
public sealed partial class IntroSweeper(IntroStore store, IntroService intros, TimeProvider clock, IOptions<IntroSweepOptions> options, ILogger<IntroSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // PeriodicTimer takes at most about 49 days; anything longer means "rarely".
        var interval = options.Value.SweepInterval > TimeSpan.FromDays(45) ? TimeSpan.FromDays(45) : options.Value.SweepInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var expired = await SweepAsync(stoppingToken);
                if (expired > 0)
                {
                    LogExpired(logger, expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sweep that fails (storage down, a channel refusing a message) must not stop the app; the next one retries.
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many requests expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        await foreach (var (intro, _) in store.RequestedBeforeAsync(now - IntroRules.ExpiresAfter, cancellationToken))
        {
            var (_, changed) = await intros.MoveAsync(intro.PairKey, intro.Round, IntroState.Expired, IntroSweep.Actor, cancellationToken);
            expired += changed ? 1 : 0;
        }
        return expired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} unanswered intro requests")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intro sweep failed ({ExceptionType}); it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string exceptionType);
}
