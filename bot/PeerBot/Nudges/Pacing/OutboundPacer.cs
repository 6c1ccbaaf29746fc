namespace PeerBot.Nudges.Pacing;

/// <summary>
/// Holds every outbound request until all the buckets it counts against (its tenant, its conversation or
/// channel) have room, and pauses a bucket when the platform answered 429 with Retry-After. One per process;
/// the tenant rate is divided among the live instances (<see cref="Instances"/>).
/// </summary>
public sealed class OutboundPacer(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SlidingWindow[]> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pausedUntil = new(StringComparer.Ordinal);
    private long _lastPrune;

    /// <summary>How many instances share the tenant limit (kept current by the heartbeat).</summary>
    public int Instances { get; set; } = 1;

    public TimeProvider Clock => clock;

    /// <summary>A tenant's share for this instance of a limit of <paramref name="perSecond"/>.</summary>
    public PaceBucket Tenant(string tenant, int perSecond) =>
        new("tenant:" + tenant, [new PaceRule(Math.Max(1, perSecond / Math.Max(1, Instances)), TimeSpan.FromSeconds(1))]);

    /// <summary>Waits for room in every bucket, then holds a place in each until the lease is disposed.</summary>
    public async Task<PacerLease> EnterAsync(IReadOnlyList<PaceBucket> buckets, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = clock.GetTimestamp();
                wait = TimeSpan.Zero;
                var windows = new List<SlidingWindow>();
                foreach (var bucket in buckets)
                {
                    if (_pausedUntil.TryGetValue(bucket.Key, out var until) && until > now)
                    {
                        wait = Max(wait, clock.GetElapsedTime(now, until));
                    }
                    var found = Windows(bucket);
                    foreach (var w in found)
                    {
                        wait = Max(wait, w.Wait(now, clock));
                    }
                    windows.AddRange(found);
                }
                if (wait == TimeSpan.Zero)
                {
                    windows.ForEach(w => w.Enter());
                    PruneIdle(now);
                    return new PacerLease(this, windows);
                }
            }
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>Nobody sends to this bucket before <paramref name="delay"/> has passed (the platform said so).</summary>
    public void Pause(string key, TimeSpan delay)
    {
        lock (_lock)
        {
            var until = clock.GetTimestamp() + (long)(delay.TotalSeconds * clock.TimestampFrequency);
            if (!_pausedUntil.TryGetValue(key, out var current) || current < until)
            {
                _pausedUntil[key] = until;
            }
        }
    }

    internal void Exit(List<SlidingWindow> windows)
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            windows.ForEach(w => w.Exit(now));
        }
    }

    private SlidingWindow[] Windows(PaceBucket bucket)
    {
        if (!_buckets.TryGetValue(bucket.Key, out var windows))
        {
            windows = [.. bucket.Rules.Select(r => new SlidingWindow(r.Limit, r.Window))];
            _buckets[bucket.Key] = windows;
        }
        for (var i = 0; i < windows.Length && i < bucket.Rules.Count; i++)
        {
            windows[i].Limit = bucket.Rules[i].Limit;
        }
        return windows;
    }

    private void PruneIdle(long now)
    {
        // Forget conversations that have been quiet for longer than their longest window, once a minute.
        if (clock.GetElapsedTime(_lastPrune, now) < TimeSpan.FromMinutes(1))
        {
            return;
        }
        _lastPrune = now;
        foreach (var key in _buckets.Where(b => b.Value.All(w => w.IsIdle(now, clock))).Select(b => b.Key).ToList())
        {
            _buckets.Remove(key);
        }
        foreach (var key in _pausedUntil.Where(p => p.Value < now).Select(p => p.Key).ToList())
        {
            _pausedUntil.Remove(key);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A place held in each bucket for one request; disposing it (when the answer came) starts the window.</summary>
public sealed class PacerLease : IDisposable
{
    private readonly OutboundPacer _pacer;
    private readonly List<SlidingWindow> _windows;
    private bool _disposed;

    internal PacerLease(OutboundPacer pacer, List<SlidingWindow> windows)
    {
        _pacer = pacer;
        _windows = windows;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _pacer.Exit(_windows);
        }
    }
}
