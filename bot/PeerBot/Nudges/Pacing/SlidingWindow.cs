namespace PeerBot.Nudges.Pacing;

/// <summary>
/// "At most <see cref="Limit"/> requests in any <see cref="Window"/>", counted the way a server counts them:
/// a request occupies a place from the moment it is sent, and its place is freed a full window after its
/// answer came back (so that a request arriving late at the server never overlaps the next window).
/// </summary>
internal sealed class SlidingWindow(int limit, TimeSpan window)
{
    private readonly Queue<long> _finished = new();
    private int _inFlight;

    public int Limit { get; set; } = limit;

    public TimeSpan Window { get; } = window;

    public bool IsIdle(long now, TimeProvider clock)
    {
        Prune(now, clock);
        return _inFlight == 0 && _finished.Count == 0;
    }

    /// <summary>Zero when a request may start now; otherwise how long until a place may free up.</summary>
    public TimeSpan Wait(long now, TimeProvider clock)
    {
        Prune(now, clock);
        if (_inFlight + _finished.Count < Limit)
        {
            return TimeSpan.Zero;
        }
        if (_finished.Count == 0)
        {
            return TimeSpan.FromMilliseconds(5);
        }
        var left = Window - clock.GetElapsedTime(_finished.Peek(), now);
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    public void Enter() => _inFlight++;

    public void Exit(long now)
    {
        _inFlight--;
        _finished.Enqueue(now);
    }

    private void Prune(long now, TimeProvider clock)
    {
        while (_finished.Count > 0 && clock.GetElapsedTime(_finished.Peek(), now) >= Window)
        {
            _finished.Dequeue();
        }
    }
}
