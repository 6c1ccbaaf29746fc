namespace PeerBot.Storage;

/// <summary>
/// One in-memory copy's place in one change stream, and the poll every such copy runs: without a cursor (start-up, or
/// records pruned while the instance stalled) the copy is rebuilt from its table; otherwise only what the records
/// name is read. The cursor moves only when the poll succeeded, so a failed one is tried again from the same place.
/// </summary>
public sealed class ChangeFollower(ChangeLog changes, string stream)
{
    private DateTimeOffset? _cursor;

    public async Task PollAsync(Func<CancellationToken, Task> readAll, Func<ChangeBatch, CancellationToken, Task> readChanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readAll);
        ArgumentNullException.ThrowIfNull(readChanged);
        var batch = await changes.FollowAsync(stream, _cursor, cancellationToken);
        if (batch.Changes is null)
        {
            await readAll(cancellationToken);
        }
        else if (batch.Changes.Count > 0)
        {
            await readChanged(batch, cancellationToken);
        }
        _cursor = batch.Next;
    }

    /// <summary>Runs <paramref name="poll"/> now and then every <paramref name="interval"/> until stopped; a failure is reported and the next tick tries again.</summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> poll, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await poll(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
