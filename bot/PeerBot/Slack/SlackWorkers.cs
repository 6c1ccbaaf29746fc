using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>
/// Work that runs after Slack has its acknowledgement. Slack wants an answer within 3 seconds and retries
/// otherwise, so the endpoints only parse and enqueue; up to <see cref="SlackOptions.Workers"/> turns run at once,
/// and at most all but one of them for one channel (workspace and conversation). A channel kept to Slack's pace of one
/// message a second (chat.postMessage waits in the outbound pipeline) so never holds every worker, and one busy
/// channel cannot hold up everybody else's commands: its further turns wait in its own line, without a worker.
/// </summary>
public sealed partial class SlackWorkers(IOptions<SlackOptions> options, ILogger<SlackWorkers> logger) : BackgroundService
{
    private readonly Channel<(string Channel, Func<CancellationToken, Task> Work)> _work = Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>();

    // A place in the channel's line first, then one of the workers: a turn waiting for its channel holds no worker.
    private readonly PartitionedRateLimiter<string> _places = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.GetConcurrencyLimiter(channel, _ => Line(Math.Max(1, options.Value.Workers - 1)))),
        PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetConcurrencyLimiter("workers", _ => Line(Math.Max(1, options.Value.Workers)))));

    // Cancelled only when the host gives up waiting at shutdown; until then acknowledged work is finished.
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Queues a turn for the channel it happened in (its workspace and conversation).</summary>
    public void Enqueue(string channel, Func<CancellationToken, Task> work)
    {
        if (!_work.Writer.TryWrite((channel, work)))
        {
            throw new InvalidOperationException("The Slack work queue is closed: the app is shutting down.");
        }
    }

    // The stopping token is not used: queued work still drains after StopAsync, until the host stops waiting.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new HashSet<Task>();
        await foreach (var (channel, work) in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            var task = Task.Run(() => RunAsync(channel, work), CancellationToken.None);
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
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was acknowledged already: Slack will not send it again.
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

    private async Task RunAsync(string channel, Func<CancellationToken, Task> work)
    {
        try
        {
            using var place = await _places.AcquireAsync(channel, 1, CancellationToken.None);
            await work(_abandon.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e.GetType().Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
