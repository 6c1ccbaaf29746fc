namespace PeerBot.Conversations;

/// <summary>
/// Deletes turn rows whose day has expired (see <see cref="TurnLedger"/>), once an hour: each day once it is past
/// <see cref="TurnLedger.Kept"/>, by its known partition keys. After a start it also looks a week back, for days an
/// instance that was down did not sweep. Several instances may sweep the same day; deletes of gone rows are harmless.
/// </summary>
public sealed partial class TurnSweeper(TurnLedger ledger, TimeProvider clock, ILogger<TurnSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int LookBackDays = 7;
    private DateOnly? _sweptThrough;

    /// <summary>Sweeps every expired day not swept yet; returns how many rows went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var last = ledger.OldestKeptDay().AddDays(-1);
        var day = _sweptThrough is { } swept ? swept.AddDays(1) : last.AddDays(-LookBackDays);
        var deleted = 0;
        for (; day <= last; day = day.AddDays(1))
        {
            deleted += await ledger.SweepDayAsync(day, cancellationToken);
            _sweptThrough = day;
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Swept {Count} expired turn rows")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep expired turns ({ExceptionType}); trying again later")]
    private static partial void LogSweepFailed(ILogger logger, string exceptionType);
}
