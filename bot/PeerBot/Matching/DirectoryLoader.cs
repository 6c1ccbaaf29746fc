using Microsoft.Extensions.Options;
using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// Fills the directory from storage at start-up, then keeps it current: profiles this instance writes
/// arrive through <see cref="ProfileStore"/> events at once, and those written by other instances
/// through a poll of recently changed rows every <see cref="MatchingOptions.RefreshSeconds"/>.
/// </summary>
public sealed partial class DirectoryLoader(
    PeerDirectory directory,
    ProfileStore store,
    IOptions<MatchingOptions> options,
    TimeProvider time,
    ILogger<DirectoryLoader> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;
    private DateTimeOffset? _lastSeen;
    private DateTimeOffset _lastFullLoad;

    /// <summary>Raised after each poll, with the number of profiles it brought in (tests wait on it).</summary>
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
                if (settings.FullResyncMinutes > 0 && time.GetUtcNow() - _lastFullLoad >= TimeSpan.FromMinutes(settings.FullResyncMinutes))
                {
                    await LoadAllAsync(cancellationToken);
                    Polled?.Invoke(directory.Count);
                    continue;
                }
                // Rows written just before the last poll may carry a slightly older timestamp; re-reading a
                // short overlap costs little because an unchanged profile is a no-op for the directory.
                var since = _lastSeen - TimeSpan.FromSeconds(Math.Max(1, settings.RefreshSeconds));
                var count = 0;
                await foreach (var (peer, timestamp) in store.ListAsync(since, cancellationToken))
                {
                    directory.Upsert(peer);
                    Advance(timestamp);
                    count++;
                }
                Polled?.Invoke(count);
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

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        // Only profiles present before the read began can have been deleted; one saved meanwhile is new. At start-up
        // nothing was present, so the ids read need not be kept (a million of them would outweigh the index).
        var before = directory.Ids();
        var seen = before.Count == 0 ? null : new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (peer, timestamp) in store.ListAsync(null, cancellationToken))
        {
            directory.Upsert(peer);
            seen?.Add(peer.Id);
            Advance(timestamp);
        }
        foreach (var id in before)
        {
            if (!seen!.Contains(id))
            {
                directory.Remove(id);
            }
        }
        _lastFullLoad = time.GetUtcNow();
    }

    private void Advance(DateTimeOffset timestamp)
    {
        if (_lastSeen is null || timestamp > _lastSeen)
        {
            _lastSeen = timestamp;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory loaded: {Count} profiles")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory refresh failed; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
