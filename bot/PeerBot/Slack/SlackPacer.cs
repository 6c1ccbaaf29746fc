using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>
/// Keeps to Slack's pace of about one message per second per channel: each send to a channel takes the next
/// free slot, and waits for it.
/// </summary>
public sealed class SlackPacer(TimeProvider clock, IOptions<SlackOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task WaitAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.MessageInterval;
        TimeSpan wait;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var slot = _next.TryGetValue(channel, out var next) && next > now ? next : now;
            _next[channel] = slot + interval;
            wait = slot - now;
            if (_next.Count > PruneAbove)
            {
                foreach (var idle in _next.Where(p => p.Value < now).Select(p => p.Key).ToList())
                {
                    _next.Remove(idle);
                }
            }
        }
        return wait <= TimeSpan.Zero ? Task.CompletedTask : SlackWorkers.WaitAsideAsync(() => Task.Delay(wait, clock, cancellationToken));
    }
}
