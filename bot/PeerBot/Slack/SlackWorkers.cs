using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>
/// Work that runs after Slack has its acknowledgement. Slack wants an answer within 3 seconds and retries
/// otherwise, so the endpoints only parse and enqueue; a few workers do the turns.
/// </summary>
public sealed partial class SlackWorkers(IOptions<SlackOptions> options, ILogger<SlackWorkers> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>();

    // Cancelled only when the host gives up waiting at shutdown; until then acknowledged work is finished.
    private readonly CancellationTokenSource _abandon = new();

    public void Enqueue(Func<CancellationToken, Task> work)
    {
        if (!_work.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The Slack work queue is closed: the app is shutting down.");
        }
    }

    // The stopping token is not used: queued work still drains after StopAsync, until the host stops waiting.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => WorkAsync()));

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
        base.Dispose();
    }

    private async Task WorkAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await work(_abandon.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFailed(logger, e.GetType().Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
