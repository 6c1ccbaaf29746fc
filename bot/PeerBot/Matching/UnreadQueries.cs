using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Matching;

/// <summary>
/// How often each search that needed the title-word fallback was made, by its normalised role words only: never who
/// asked, never other words. Counting costs no storage call on the turn: counts gather in memory and
/// <see cref="UnreadQueryFlusher"/> adds them to the table every <see cref="MatchingOptions.UnreadFlushSeconds"/>.
/// A row holds words and a number, nothing of a member's, so "peerbot forget" has nothing to erase here.
/// </summary>
public sealed partial class UnreadQueries(TableServiceClient service, TableNames names, ILogger<UnreadQueries> logger) : IUnreadSearches
{
    private const string Partition = "unread";
    private const int MaxAttempts = 5;

    private readonly TableClient _table = service.GetTableClient(names.UnreadQueries);
    private readonly ConcurrentDictionary<string, int> _pending = new(StringComparer.Ordinal);

    /// <summary>Counts one search (in memory).</summary>
    public void Count(string words)
    {
        if (!string.IsNullOrWhiteSpace(words))
        {
            _pending.AddOrUpdate(words, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Adds the counts gathered since the last flush to the table; what cannot be written now waits for the next.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var words in _pending.Keys)
        {
            if (!_pending.TryRemove(words, out var count) || count == 0)
            {
                continue;
            }
            try
            {
                await AddAsync(words, count, cancellationToken);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException)
            {
                _pending.AddOrUpdate(words, count, (_, n) => n + count);
                if (e is OperationCanceledException)
                {
                    throw;
                }
                LogFlushFailed(logger, e);
                return;
            }
        }
    }

    public async Task<IReadOnlyList<UnreadSearch>> MostFrequentAsync(int count, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, int>(_pending, StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["Words", "Count"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Words") is { } words)
            {
                totals[words] = totals.GetValueOrDefault(words) + (row.GetInt32("Count") ?? 0);
            }
        }
        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(count).Select(t => new UnreadSearch(t.Key, t.Value))];
    }

    // Instances add to the same row; the ETag makes each addition land once.
    private async Task AddAsync(string words, int count, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(words);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
                if (existing.HasValue && existing.Value is { } row)
                {
                    row["Count"] = (row.GetInt32("Count") ?? 0) + count;
                    await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(new TableEntity(Partition, key) { ["Words"] = words, ["Count"] = count }, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance wrote first; read again.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the counts of unread searches; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}

/// <summary>Adds the counts of unread searches to storage on a timer, and once more when the app stops.</summary>
public sealed class UnreadQueryFlusher(UnreadQueries counts, Microsoft.Extensions.Options.IOptions<MatchingOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.UnreadFlushSeconds)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await counts.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last counts are written below.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await counts.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; the counts of the last minute are lost, nothing else.
        }
    }
}
