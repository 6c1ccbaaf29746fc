using Microsoft.Extensions.Caching.Memory;
using PeerBot.Matching;
using PeerBot.Storage;

namespace PeerBot.Intros;

/// <summary>
/// The asker's own intros: anyone they are pending or connected with, or who declined them within 90 days. Each
/// member's intros are kept in memory once read (one index query, and a read per intro); this instance's writes change
/// them in memory at once, and other instances' writes drop the members they concern, through the intro change records.
/// </summary>
public sealed partial class IntroHistory : BackgroundService, IAskerHistory
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _intros = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly IntroStore _store;
    private readonly ChangeLog _changes;
    private readonly TimeProvider _clock;
    private readonly ILogger<IntroHistory> _logger;
    private readonly Lock _changing = new();
    private readonly ChangeFollower _follower;
    private long _generation;

    public IntroHistory(IntroStore store, ChangeLog changes, TimeProvider clock, ILogger<IntroHistory> logger)
    {
        (_store, _changes, _clock, _logger) = (store, changes, clock, logger);
        _follower = new ChangeFollower(changes, IntroStore.Stream);
        store.Changed += Forget;
        store.Saved += Keep;
    }

    public async Task<IReadOnlySet<string>> PeersToSkipAsync(string askerId, CancellationToken cancellationToken)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal);
        var now = _clock.GetUtcNow();
        foreach (var intro in await IntrosOfAsync(askerId, cancellationToken))
        {
            if (!IntroRules.MayRequestAgain(intro, now))
            {
                skip.Add(intro.OtherThan(askerId));
            }
        }
        return skip;
    }

    /// <summary>True when this instance holds the member's intros and none is with <paramref name="otherId"/>.</summary>
    public bool KnowsNone(string memberId, string otherId) =>
        _intros.TryGetValue(memberId, out Introduction[]? known) && !known!.Any(i => i.OtherThan(memberId) == otherId);

    private async Task<Introduction[]> IntrosOfAsync(string memberId, CancellationToken cancellationToken)
    {
        if (_intros.TryGetValue(memberId, out Introduction[]? known))
        {
            return known!;
        }
        // A change while this read runs must not leave what was read before it in memory.
        var generation = Interlocked.Read(ref _generation);
        var intros = new List<Introduction>();
        await foreach (var intro in _store.ForMemberAsync(memberId, cancellationToken))
        {
            intros.Add(intro);
        }
        var read = intros.ToArray();
        lock (_changing)
        {
            if (Interlocked.Read(ref _generation) == generation)
            {
                _intros.Set(memberId, read, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Kept });
            }
        }
        return read;
    }

    /// <summary>An intro this instance wrote: members whose intros are in memory see it there, without a read.</summary>
    private void Keep(Introduction intro)
    {
        lock (_changing)
        {
            Interlocked.Increment(ref _generation);
            foreach (var member in new[] { intro.RequesterId, intro.PeerId })
            {
                if (_intros.TryGetValue(member, out Introduction[]? known))
                {
                    _intros.Set<Introduction[]>(member, [.. known!.Where(i => i.PairKey != intro.PairKey), intro], new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Kept });
                }
            }
        }
    }

    private void Forget(IReadOnlyList<string> members)
    {
        lock (_changing)
        {
            Interlocked.Increment(ref _generation);
            foreach (var member in members)
            {
                _intros.Remove(member);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ChangeFollower.RunAsync(RefreshInterval, _clock, ct => _follower.PollAsync(
            _ =>
            {
                // No cursor (start-up, or records pruned while stalled): nothing read before can be trusted.
                lock (_changing)
                {
                    Interlocked.Increment(ref _generation);
                    _intros.Clear();
                }
                return Task.CompletedTask;
            },
            (batch, _) =>
            {
                // This instance's own writes are in memory already.
                Forget([.. batch.Changes!.Where(c => c.By != _changes.Writer).SelectMany(c => c.Members).Distinct(StringComparer.Ordinal)]);
                return Task.CompletedTask;
            },
            ct), e => LogRefreshFailed(_logger, e.GetType().Name), stoppingToken);
    }

    public override void Dispose()
    {
        _store.Changed -= Forget;
        _store.Saved -= Keep;
        _intros.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not follow intro changes ({ExceptionType}); trying again")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}

/// <summary>
/// Members with as many pending incoming requests as they may have: left out of every search. Known at once on
/// this instance; changes made by other instances arrive through the ledger change records, and only the changed
/// members' ledgers are read. The whole table is read at start-up, and again only when the cursor was lost.
/// </summary>
public sealed partial class BusyPeers(IntroLedgers ledgers, ChangeLog changes, TimeProvider clock, ILogger<BusyPeers> logger) : BackgroundService, IPeerExclusions
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);
    private readonly Lock _changing = new();
    private volatile HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly ChangeFollower _follower = new(changes, IntroLedgers.Stream);

    public bool Excludes(string? askerId, string peerId) => _busy.Contains(peerId);

    public void Update(string peerId, bool busy)
    {
        lock (_changing)
        {
            var next = new HashSet<string>(_busy, StringComparer.Ordinal);
            if (busy ? next.Add(peerId) : next.Remove(peerId))
            {
                _busy = next;
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChangeFollower.RunAsync(RefreshInterval, clock, RefreshAsync, e => LogRefreshFailed(logger, e.GetType().Name), stoppingToken);

    private Task RefreshAsync(CancellationToken cancellationToken) => _follower.PollAsync(
        async ct =>
        {
            var all = await ledgers.SaturatedAsync(ct);
            lock (_changing)
            {
                _busy = all;
            }
        },
        async (batch, ct) =>
        {
            foreach (var member in batch.Keys)
            {
                Update(member, await ledgers.IsSaturatedAsync(member, ct));
            }
        },
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the busy peers ({ExceptionType}); keeping the last list")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
