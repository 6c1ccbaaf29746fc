namespace PeerBot.Storage;

/// <summary>
/// Deletes change records past their retention, on every instance (deleting is idempotent, and after the first
/// instance an old range is empty: one request that reads nothing).
/// </summary>
public sealed partial class ChangeLogPruner(ChangeLog changes, TimeProvider clock, ILogger<ChangeLogPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(changes.Options.PruneInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await changes.PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPruneFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune old change records ({ExceptionType}); trying again at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, string exceptionType);
}
