using PeerBot.Matching;

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
/// Members with as many pending incoming requests as they may have: left out of every search. Known at once
/// on this instance, and refreshed from storage for changes made by other instances.
/// </summary>
public sealed partial class BusyPeers(IntroLedgers ledgers, TimeProvider clock, ILogger<BusyPeers> logger) : BackgroundService, IPeerExclusions
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);
    private volatile HashSet<string> _busy = new(StringComparer.Ordinal);

    public bool Excludes(string? askerId, string peerId) => _busy.Contains(peerId);

    public void Update(string peerId, bool busy)
    {
        var next = new HashSet<string>(_busy, StringComparer.Ordinal);
        if (busy ? next.Add(peerId) : next.Remove(peerId))
        {
            _busy = next;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, clock);
        do
        {
            try
            {
                _busy = await ledgers.SaturatedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the busy peers ({ExceptionType}); keeping the last list")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
