using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>
/// Work that runs after Slack has its acknowledgement. Slack wants an answer within 3 seconds and retries
/// otherwise, so the endpoints only parse and enqueue; up to <see cref="SlackOptions.Workers"/> turns run at once.
/// A turn that waits for a channel's pace (<see cref="SlackPacer"/>) gives up its place meanwhile, so that one busy
/// channel cannot hold up everybody else's commands.
/// </summary>
public sealed partial class SlackWorkers(IOptions<SlackOptions> options, ILogger<SlackWorkers> logger) : BackgroundService
{
    private static readonly AsyncLocal<WorkPlace?> CurrentPlace = new();

    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>();
    private readonly SemaphoreSlim _places = new(Math.Max(1, options.Value.Workers));

    // Cancelled only when the host gives up waiting at shutdown; until then acknowledged work is finished.
    private readonly CancellationTokenSource _abandon = new();

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_work.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The Slack work queue is closed: the app is shutting down.");
        }
    }

    /// <summary>Waits without holding a worker's place (outside the workers, simply waits).</summary>
    public static async Task WaitAsideAsync(Func<Task> wait)
    {
        var place = CurrentPlace.Value;
        if (place is null || !place.StepOut())
        {
            await wait();
            return;
        }
        try
        {
            await wait();
        }
        finally
        {
            await place.StepInAsync();
        }
    }

    // The stopping token is not used: queued work still drains after StopAsync, until the host stops waiting.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new HashSet<Task>();
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            await _places.WaitAsync(CancellationToken.None);
            var task = Task.Run(() => RunAsync(work, new WorkPlace(_places)), CancellationToken.None);
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

    private async Task RunAsync(Func<CancellationToken, Task> work, WorkPlace place)
    {
        CurrentPlace.Value = place;
        try
        {
            await work(_abandon.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e.GetType().Name, e);
        }
        finally
        {
            place.Leave();
        }
    }

    /// <summary>One turn's place among the workers, which it may leave while it waits and take again after.</summary>
    private sealed class WorkPlace(SemaphoreSlim places)
    {
        private readonly Lock _lock = new();
        private bool _held = true;
        private bool _done;

        /// <summary>Gives the place up; false when this turn does not hold it (another of its sends already left it).</summary>
        public bool StepOut()
        {
            lock (_lock)
            {
                if (!_held || _done)
                {
                    return false;
                }
                _held = false;
            }
            places.Release();
            return true;
        }

        public async Task StepInAsync()
        {
            await places.WaitAsync(CancellationToken.None);
            lock (_lock)
            {
                if (!_done && !_held)
                {
                    _held = true;
                    return;
                }
            }
            // The turn ended meanwhile (something it started outlived it): the place is not needed.
            places.Release();
        }

        public void Leave()
        {
            lock (_lock)
            {
                _done = true;
                if (!_held)
                {
                    return;
                }
                _held = false;
            }
            places.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
