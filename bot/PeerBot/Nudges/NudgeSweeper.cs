using Microsoft.Extensions.Options;

namespace PeerBot.Nudges;

/// <summary>
/// One instance at a time (whoever holds the sweep lease) follows new and changed profiles and intros, and
/// hands every due timer to the queue. Timer rows are deleted only after their job is queued, and only if
/// unchanged, so a sweep that dies half-way loses nothing: the next lease holder queues the rest again.
/// </summary>
public sealed partial class NudgeSweeper(
    NudgeState state,
    NudgeTimers timers,
    QueuedJobs queue,
    NudgeSignal signal,
    NudgeFollowers followers,
    NudgeInstance instance,
    TimeProvider clock,
    IOptions<NudgeOptions> options,
    ILogger<NudgeSweeper> logger) : BackgroundService
{
    public const string Lease = "sweep";
    private const int Batch = 500;
    private DateTimeOffset _followedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = clock.GetUtcNow();
                var backlog = false;
                try
                {
                    if (await state.TryLeaseAsync(Lease, instance.Id, options.Value.SweepLease, stoppingToken))
                    {
                        // Each sweep is a trace of its own; the queue messages it sends carry it to the workers.
                        using var span = Telemetry.PeerBotTelemetry.Source.StartActivity("nudge.sweep");
                        var (queued, more) = await SweepOnceAsync(stoppingToken);
                        span?.SetTag("peerbot.jobs.queued", queued);
                        backlog = more;
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
                {
                    LogSweepFailed(logger, e.GetType().Name);
                }
                // The interval counts from the start of this sweep: a slow sweep is followed by the next one at once.
                var wait = (backlog ? options.Value.BacklogInterval : options.Value.SweepInterval) - (clock.GetUtcNow() - started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass (the caller holds the lease): how many jobs it queued, and whether it stopped at the high-water mark.</summary>
    public async Task<(int Queued, bool Backlog)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Following profiles and intros reads their change records: once a follow interval, not on every quick
        // return to a backlog.
        if (now - _followedAt >= options.Value.FollowInterval)
        {
            await followers.FollowProfilesAsync(cancellationToken);
            await followers.FollowIntrosAsync(cancellationToken);
            _followedAt = now;
        }
        var queued = 0;
        var room = await RoomAsync(cancellationToken);
        // Reading due timers is a range scan: worth it only when the queue has real room.
        if (room < options.Value.QueueHighWater / 2)
        {
            return (0, true);
        }
        var batch = new List<(NudgeJob Job, Azure.Data.Tables.TableEntity Row)>(Batch);
        await foreach (var due in timers.DueAsync(now, cancellationToken))
        {
            if (room <= 0)
            {
                queued += await HandOverAsync(batch, cancellationToken);
                room = await RoomAsync(cancellationToken);
                if (room <= 0)
                {
                    return (queued, true);
                }
            }
            batch.Add(due);
            room--;
            if (batch.Count == Batch)
            {
                queued += await HandOverAsync(batch, cancellationToken);
            }
        }
        queued += await HandOverAsync(batch, cancellationToken);
        return (queued, false);
    }

    private async Task<int> RoomAsync(CancellationToken cancellationToken) =>
        options.Value.QueueHighWater - (await queue.PendingAsync(cancellationToken) * JobsPerMessage);

    private int JobsPerMessage => Math.Max(1, options.Value.JobsPerMessage);

    private async Task<int> HandOverAsync(List<(NudgeJob Job, Azure.Data.Tables.TableEntity Row)> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        var messages = batch.Select(due => due.Job).Chunk(JobsPerMessage);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (jobs, ct) => await queue.EnqueueAsync(jobs, ct));
        signal.Pulse();
        await timers.RemoveAsync(batch.Select(b => b.Row), cancellationToken);
        var count = batch.Count;
        batch.Clear();
        // A long hand-over keeps the lease, so that no other instance starts the same sweep meanwhile.
        await state.TryLeaseAsync(Lease, instance.Id, options.Value.SweepLease, cancellationToken);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nudge sweep failed ({ExceptionType}); it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string exceptionType);
}
