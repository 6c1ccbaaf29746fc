using PeerBot.Matching;
using PeerBot.Storage;

namespace PeerBot.Intros;

/// <summary>The asker's own intros: anyone they are pending or connected with, or who declined them within 90 days.</summary>
public sealed class IntroHistory(IntroStore store, TimeProvider clock) : IAskerHistory
{
    public async Task<IReadOnlySet<string>> PeersToSkipAsync(string askerId, CancellationToken cancellationToken)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        await foreach (var intro in store.ForMemberAsync(askerId, cancellationToken))
        {
            if (!IntroRules.MayRequestAgain(intro, now))
            {
                skip.Add(intro.OtherThan(askerId));
            }
        }
        return skip;
    }
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
    private DateTimeOffset? _cursor;

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var batch = await changes.FollowAsync(IntroLedgers.Stream, _cursor, cancellationToken);
        if (batch.Changes is null)
        {
            var all = await ledgers.SaturatedAsync(cancellationToken);
            lock (_changing)
            {
                _busy = all;
            }
        }
        else
        {
            foreach (var member in batch.Keys)
            {
                Update(member, await ledgers.IsSaturatedAsync(member, cancellationToken));
            }
        }
        _cursor = batch.Next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the busy peers ({ExceptionType}); keeping the last list")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
