using Microsoft.Extensions.Options;
using PeerBot.Profiles;
using PeerBot.Storage;

namespace PeerBot.Matching;

/// <summary>
/// Fills the directory from storage at start-up, then keeps it current: profiles this instance writes arrive
/// through <see cref="ProfileStore"/> events at once, and those written or deleted by other instances through the
/// profile change records after this instance's cursor, every <see cref="MatchingOptions.RefreshSeconds"/>.
/// Each changed profile is then read by its key; a poll when nothing changed reads no row.
/// </summary>
public sealed partial class DirectoryLoader(
    PeerDirectory directory,
    ProfileStore store,
    ChangeLog changes,
    IOptions<MatchingOptions> options,
    TimeProvider time,
    ILogger<DirectoryLoader> logger) : IHostedService, IDisposable
{
    private const int ParallelReads = 8;
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;
    private DateTimeOffset? _cursor;
    private DateTimeOffset _lastFullLoad;

    /// <summary>Raised after each poll, with the number of profiles it brought in or removed (tests wait on it).</summary>
    public event Action<int>? Polled;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        store.Saved += directory.Upsert;
        store.Deleted += directory.Remove;
        await LoadAllAsync(cancellationToken);
        LogLoaded(logger, directory.Count);
        _polling = PollAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        store.Saved -= directory.Upsert;
        store.Deleted -= directory.Remove;
        try
        {
            await _stopping.CancelAsync();
            await _polling.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping, or a host that failed to start and is being torn down.
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.RefreshSeconds)), time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                // The safety net: rows written around the product (by hand, or by a tool that writes no change
                // records) are picked up by a full read this rarely.
                var resyncDue = settings.FullResyncMinutes > 0 && time.GetUtcNow() - _lastFullLoad >= TimeSpan.FromMinutes(settings.FullResyncMinutes);
                var batch = resyncDue ? new ChangeBatch(null, default) : await changes.FollowAsync(ProfileStore.Stream, _cursor, cancellationToken);
                if (batch.Changes is null)
                {
                    // No cursor any more (records pruned while this instance was stalled), or the resync is due.
                    await LoadAllAsync(cancellationToken);
                    Polled?.Invoke(directory.Count);
                    continue;
                }
                var applied = await ApplyAsync(batch.Keys, cancellationToken);
                _cursor = batch.Next;
                Polled?.Invoke(applied);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                LogPollFailed(logger, e);
            }
        }
    }

    /// <summary>Reads each changed profile by its key: there, it replaces the old one; gone, it leaves the directory.</summary>
    private async Task<int> ApplyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await store.GetAsync(id, ct) is { } stored)
            {
                directory.Upsert(stored.Peer);
            }
            else
            {
                directory.Remove(id);
            }
        });
        return ids.Count;
    }

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        // Every change announced before this cursor is written by the time the read below starts.
        var cursor = changes.SettledUntil();
        // Only profiles present before the read began can have been deleted; one saved meanwhile is new. At start-up
        // nothing was present, so the ids read need not be kept (a million of them would outweigh the index).
        var before = directory.Ids();
        var seen = before.Count == 0 ? null : new HashSet<string>(StringComparer.Ordinal);
        await foreach (var peer in store.ListAsync(cancellationToken))
        {
            directory.Upsert(peer);
            seen?.Add(peer.Id);
        }
        foreach (var id in before)
        {
            if (!seen!.Contains(id))
            {
                directory.Remove(id);
            }
        }
        _cursor = cursor;
        _lastFullLoad = time.GetUtcNow();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory loaded: {Count} profiles")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory refresh failed; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
