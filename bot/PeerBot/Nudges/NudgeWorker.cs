using Microsoft.Extensions.Options;

namespace PeerBot.Nudges;

/// <summary>
/// Takes due jobs from the queue, as many at a time as it has free places, on every instance. On shutdown it
/// lets the jobs in hand finish for a while; anything unfinished simply comes back on the queue.
/// </summary>
public sealed partial class NudgeWorker(QueuedJobs queue, NudgeProcessor processor, NudgeSignal signal, TimeProvider clock, IOptions<NudgeOptions> options, ILogger<NudgeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        await Task.Yield();
        var concurrency = Math.Max(1, settings.Concurrency);
        using var places = new SemaphoreSlim(concurrency, concurrency);
        using var work = new CancellationTokenSource();
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await places.WaitAsync(stoppingToken);
                var taken = 1;
                while (taken < 32 && places.Wait(0, CancellationToken.None))
                {
                    taken++;
                }
                Azure.Storage.Queues.Models.QueueMessage[] messages;
                try
                {
                    messages = await queue.ReceiveAsync(taken, settings.VisibilityTimeout, stoppingToken);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
                {
                    places.Release(taken);
                    LogReceiveFailed(logger, e.GetType().Name);
                    await signal.WaitAsync(settings.PollInterval, clock, stoppingToken);
                    continue;
                }
                if (taken > messages.Length)
                {
                    places.Release(taken - messages.Length);
                }
                if (messages.Length == 0)
                {
                    await signal.WaitAsync(settings.PollInterval, clock, stoppingToken);
                    continue;
                }
                foreach (var message in messages)
                {
                    var task = Task.Run(async () =>
                    {
                        try
                        {
                            await processor.ProcessAsync(message, work.Token);
                        }
                        finally
                        {
                            places.Release();
                        }
                    }, CancellationToken.None);
                    lock (running)
                    {
                        running.Add(task);
                    }
                    _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] left;
        lock (running)
        {
            left = [.. running];
        }
        var all = Task.WhenAll(left);
        if (await Task.WhenAny(all, Task.Delay(DrainTime, clock, CancellationToken.None)) != all)
        {
            await work.CancelAsync();
        }
        try
        {
            await all;
        }
        catch (OperationCanceledException)
        {
            // Cut short by shutdown: those messages come back on the queue.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the nudge queue ({ExceptionType}); trying again shortly")]
    private static partial void LogReceiveFailed(ILogger logger, string exceptionType);
}
