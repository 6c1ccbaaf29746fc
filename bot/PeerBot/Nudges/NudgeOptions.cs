namespace PeerBot.Nudges;

/// <summary>The "Nudges" configuration section.</summary>
public sealed class NudgeOptions
{
    public const string Section = "Nudges";

    /// <summary>False stops this instance from sweeping and working the queue (commands still answer).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the lease holder looks for due work and new profiles and intros.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the sweep reads the profile and intro change records after its cursors (new members, new roles,
    /// connections, expired requests). A pass when nothing changed reads no row, so it can be as often as the sweep.
    /// </summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the sweep lease lasts without renewal (after an instance dies, another takes over).</summary>
    public TimeSpan SweepLease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The sweep stops handing work to the queue while this many jobs wait there, and comes back after
    /// <see cref="BacklogInterval"/>: due work waits in Table Storage rather than piling up in the queue.
    /// </summary>
    public int QueueHighWater { get; set; } = 2000;

    /// <summary>
    /// How many due jobs travel in one queue message (worked one after another by the instance that receives it).
    /// The high-water mark counts jobs.
    /// </summary>
    public int JobsPerMessage { get; set; } = 16;

    /// <summary>How soon the sweep comes back when it stopped at <see cref="QueueHighWater"/>.</summary>
    public TimeSpan BacklogInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a received queue message stays hidden; also how long a send claim is honoured.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a worker waits when the queue was empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries in progress per instance.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>After this many receipts a message goes to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 6;

    /// <summary>How often an instance says it is alive (the tenant rate is shared among live instances).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>This process's identity among the instances sharing the tables and queues.</summary>
public sealed class NudgeInstance
{
    public string Id { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
}

/// <summary>Wakes the local worker as soon as the sweep queued work, instead of at its next poll.</summary>
public sealed class NudgeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public void Dispose() => _signal.Dispose();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, linked.Token);
        var pulse = _signal.WaitAsync(linked.Token);
        await Task.WhenAny(delay, pulse);
        await linked.CancelAsync();
        await Task.WhenAll(delay, pulse).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
