namespace PeerBot.Conversations;

/// <summary>At start-up, notes once which waiting messages speak of whom, for messages written before notes existed.</summary>
public sealed partial class OutboxNotes(Outbox outbox, ILogger<OutboxNotes> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await outbox.NoteExistingAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next start tries again; until then an erasure finds the messages written since notes existed.
            LogFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note the outbox's older messages ({ExceptionType}); the next start tries again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
