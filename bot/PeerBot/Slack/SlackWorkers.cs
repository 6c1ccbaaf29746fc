using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PeerBot.Telemetry;

namespace PeerBot.Slack;

/// <summary>
/// Work that runs after Slack has its acknowledgement. Slack wants an answer within 3 seconds and retries otherwise,
/// so the endpoints only parse the request and write it to the <see cref="SlackBacklog"/>; the instance that
/// acknowledged it then works on it at once, and any instance takes over work whose holder died. Up to
/// <see cref="SlackOptions.Workers"/> turns run at once, and at most all but one of them for one channel (workspace
/// and conversation): a channel kept to Slack's pace of one message a second (chat.postMessage waits in the outbound
/// pipeline) never holds every worker, and its further turns wait in its own line, without a worker.
/// </summary>
public sealed partial class SlackWorkers(
    SlackBacklog backlog,
    SlackDispatcher dispatcher,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackWorkers> logger) : BackgroundService
{
    private readonly Channel<SlackWorkItem> _work = Channel.CreateUnbounded<SlackWorkItem>();
    // A place in the channel's line first, then one of the workers: a turn waiting for its channel holds no worker.
    private readonly PartitionedRateLimiter<string> _places = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.GetConcurrencyLimiter(channel, _ => Line(Math.Max(1, options.CurrentValue.Workers - 1)))),
        PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetConcurrencyLimiter("workers", _ => Line(Math.Max(1, options.CurrentValue.Workers)))));
    private readonly ConcurrentDictionary<SlackWorkItem, byte> _running = new();

    // Work started here and not finished, whether it waits in its channel's line or runs.
    private int _inFlight;

    // Cancelled only when the host gives up waiting at shutdown; until then acknowledged work is finished.
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>
    /// Writes an acknowledged request to the backlog (the caller acknowledges it only after this returns) and starts
    /// working on it here. Throws when it cannot be written: then Slack must not get its 200.
    /// </summary>
    public async Task AcceptAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        var work = new SlackWork { Inbound = inbound, AcknowledgedAt = clock.GetUtcNow(), TraceParent = PeerBotTelemetry.CurrentTraceParent() };
        var item = await backlog.AddAsync(work, cancellationToken);
        // Shutting down: the work stays in the backlog, for another instance (or this one's successor) to take over.
        _work.Writer.TryWrite(item);
    }

    // The stopping token ends the search for others' work; what this instance holds still drains after StopAsync,
    // until the host stops waiting (and then its lease runs out and another instance takes it over).
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var finished = new CancellationTokenSource();
        var takeOver = TakeOverAsync(stoppingToken);
        var renew = RenewAsync(finished.Token);
        var running = new HashSet<Task>();
        await foreach (var item in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            var task = Task.Run(() => RunAsync(item), CancellationToken.None);
            lock (running)
            {
                running.Add(task);
            }
            _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        Task[] left;
        lock (running)
        {
            left = [.. running];
        }
        await Task.WhenAll(left);
        await finished.CancelAsync();
        await Task.WhenAll(takeOver, renew);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _work.Writer.TryComplete();
        await using var _ = cancellationToken.Register(Abandon);
        await base.StopAsync(cancellationToken);
    }

    private void Abandon()
    {
        try
        {
            _abandon.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Stopped after disposal (test hosts can do that): nothing is running any more.
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        _places.Dispose();
        base.Dispose();
    }

    private static ConcurrencyLimiterOptions Line(int places) =>
        new() { PermitLimit = places, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };

    private async Task RunAsync(SlackWorkItem item)
    {
        var done = false;
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var place = await _places.AcquireAsync($"{item.Work.Inbound.TeamId}/{item.Work.Inbound.ConversationId}", 1, CancellationToken.None);
            // Work that waited here until its lease nearly ran out may have been taken over meanwhile (the margin covers
            // clocks that differ between instances): only the holder of the lease works on it.
            var lease = options.CurrentValue.WorkLease;
            if (clock.GetUtcNow() - item.LeasedAt > lease - lease / 6 && !await backlog.RenewAsync(item, _abandon.Token))
            {
                LogTakenOver(logger, item.Id);
                return;
            }
            _running[item] = 0;
            using var trace = StartTrace(item.Work);
            await dispatcher.HandleAsync(item.Work.Inbound, item.Id, _abandon.Token);
            done = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e.GetType().Name, e);
            // Failed turns were answered with an apology by the dispatcher; what fails here failed before the turn
            // (storage): another attempt takes it over after its lease.
        }
        finally
        {
            _running.TryRemove(item, out _);
            Interlocked.Decrement(ref _inFlight);
        }
        if (done)
        {
            await CompleteAsync(item);
        }
    }

    private async Task CompleteAsync(SlackWorkItem item)
    {
        try
        {
            await backlog.CompleteAsync(item, CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            LogNotCompleted(logger, item.Id, e.GetType().Name);
        }
    }

    /// <summary>Continues the trace of the request that acknowledged the work, across the backlog.</summary>
    private static Activity? StartTrace(SlackWork work) => PeerBotTelemetry.StartConsumer("slack.work", work.TraceParent);

    /// <summary>When workers are idle, takes over work whose holder stopped renewing its lease (it died).</summary>
    private async Task TakeOverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                var idle = Math.Max(1, options.CurrentValue.Workers) - Volatile.Read(ref _inFlight);
                if (idle > 0 && _work.Reader.Count == 0)
                {
                    foreach (var item in await backlog.TakeOverAsync(idle, stoppingToken))
                    {
                        LogTakingOver(logger, item.Id);
                        if (!_work.Writer.TryWrite(item))
                        {
                            break;
                        }
                        taken++;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException)
            {
                LogQueueUnavailable(logger, e.GetType().Name);
            }
            if (taken == 0 && !await DelayAsync(options.CurrentValue.TakeOverInterval, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>Keeps the work being done here hidden from other instances, until all of it is finished.</summary>
    private async Task RenewAsync(CancellationToken finished)
    {
        do
        {
            var lease = options.CurrentValue.WorkLease;
            foreach (var item in _running.Keys.Where(i => clock.GetUtcNow() - i.LeasedAt > lease / 3))
            {
                try
                {
                    if (!await backlog.RenewAsync(item, CancellationToken.None))
                    {
                        LogLeaseLost(logger, item.Id);
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
                {
                    LogQueueUnavailable(logger, e.GetType().Name);
                }
            }
        }
        while (await DelayAsync(options.CurrentValue.WorkLease / 6, finished));
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed with {ExceptionType}; it is taken over again after its lease")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack work {WorkId} waited past its lease and was taken over by another worker")]
    private static partial void LogTakenOver(ILogger logger, string workId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking over Slack work {WorkId}, whose holder stopped renewing it")]
    private static partial void LogTakingOver(ILogger logger, string workId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on Slack work {WorkId} was lost while it ran")]
    private static partial void LogLeaseLost(ILogger logger, string workId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finished Slack work {WorkId} could not be removed from the backlog ({ExceptionType})")]
    private static partial void LogNotCompleted(ILogger logger, string workId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Slack backlog is unavailable ({ExceptionType})")]
    private static partial void LogQueueUnavailable(ILogger logger, string exceptionType);
}
