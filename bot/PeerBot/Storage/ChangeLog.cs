using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace PeerBot.Storage;

/// <summary>
/// Change records in one table, partitioned by the UTC minute they were written in ("202603090800-profiles"), row
/// keys sorted by time. A reader keeps a cursor (a time) and asks only for the records between it and "now minus
/// <see cref="ChangeLogOptions.Settle"/>": one query per minute spanned, which reads nothing when nothing changed.
/// Every instance reads every record, which a queue (one consumer per message) could not give. Old partitions are
/// deleted after <see cref="ChangeLogOptions.Retention"/>.
/// </summary>
public sealed class ChangeLog(TableServiceClient service, TableNames names, TimeProvider clock, IOptions<ChangeLogOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(names.Changes);

    public ChangeLogOptions Options => options.Value;

    /// <summary>Names this instance's records, so that a cache this instance already keeps current can pass over them.</summary>
    public string Writer { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Appends a record, then runs <paramref name="write"/> (the row's own write). The record goes first so that a
    /// crash between the two can only leave a record for a write that did not happen, which costs a reader one
    /// needless read, never a lost change. Readers take a record only once it is <see cref="ChangeLogOptions.Settle"/>
    /// old, by when the write is done; a write that took longer than half of that is announced again, so that no
    /// reader can have read the row between the first record and the write.
    /// </summary>
    public async Task<T> RecordAsync<T>(string stream, string key, string kind, IReadOnlyList<string> members, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var stamp = clock.GetUtcNow();
        await AppendAsync(stream, key, kind, members, stamp, cancellationToken);
        var result = await write();
        if (clock.GetUtcNow() - stamp >= Options.Settle / 2)
        {
            await AppendAsync(stream, key, kind, members, clock.GetUtcNow(), cancellationToken);
        }
        return result;
    }

    /// <inheritdoc cref="RecordAsync{T}"/>
    public Task RecordAsync(string stream, string key, string kind, IReadOnlyList<string> members, Func<Task> write, CancellationToken cancellationToken) =>
        RecordAsync(stream, key, kind, members, async () =>
        {
            await write();
            return true;
        }, cancellationToken);

    /// <summary>Up to where readers may read now: records younger than this may still announce a write in progress.</summary>
    public DateTimeOffset SettledUntil() => clock.GetUtcNow() - Options.Settle;

    /// <summary>True when every record after <paramref name="cursor"/> is still kept (else the reader reads everything once).</summary>
    public bool Covers(DateTimeOffset cursor) => cursor > clock.GetUtcNow() - Options.Retention + Options.PruneInterval;

    /// <summary>
    /// The records after a reader's <paramref name="cursor"/>, and the cursor to keep for next time. Without a cursor,
    /// or with one older than the retention, <see cref="ChangeBatch.Changes"/> is null: the reader reads the whole
    /// table instead (every write announced before the returned cursor is done by then) and keeps the new cursor.
    /// </summary>
    public async Task<ChangeBatch> FollowAsync(string stream, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        var until = SettledUntil();
        if (cursor is not { } from || !Covers(from))
        {
            return new ChangeBatch(null, until);
        }
        return from >= until ? new ChangeBatch([], from) : new ChangeBatch(await ReadAsync(stream, from, until, cancellationToken), until);
    }

    /// <summary>Records of <paramref name="stream"/> written at or after <paramref name="from"/> and before <paramref name="until"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Change>> ReadAsync(string stream, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var changes = new List<Change>();
        for (var minute = Minute(from); minute < until; minute = minute.AddMinutes(1))
        {
            var low = RowPrefix(from > minute ? from : minute);
            var next = minute.AddMinutes(1);
            var high = RowPrefix(until < next ? until : next);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(stream, minute)} and RowKey ge {low} and RowKey lt {high}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                changes.Add(Read(stream, row));
            }
        }
        return changes;
    }

    /// <summary>Deletes every record older than the retention; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = Minute(clock.GetUtcNow() - Options.Retention).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        // Partitions start with their minute, so everything old is one key range at the start of the table.
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {cutoff}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        foreach (var batch in rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // Another instance pruned some of them first.
                foreach (var row in batch)
                {
                    await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }
        return rows.Count;
    }

    private async Task AppendAsync(string stream, string key, string kind, IReadOnlyList<string> members, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition(stream, Minute(stamp)), $"{RowPrefix(stamp)}-{Guid.NewGuid():N}")
        {
            ["Key"] = key,
            ["Kind"] = kind,
            ["Members"] = JsonSerializer.Serialize(members, Json),
            ["At"] = stamp,
            ["By"] = Writer,
        };
        await _table.AddEntityAsync(row, cancellationToken);
    }

    private static Change Read(string stream, TableEntity row) => new(
        stream,
        row.GetString("Key") ?? "",
        row.GetString("Kind") ?? ChangeKinds.Saved,
        JsonSerializer.Deserialize<string[]>(row.GetString("Members") ?? "[]", Json) ?? [],
        row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)
    {
        By = row.GetString("By") ?? "",
    };

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    private static string Partition(string stream, DateTimeOffset minute) =>
        minute.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture) + "-" + stream;

    private static string RowPrefix(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}

/// <summary>What a reader gets: the changes since its cursor (null: read everything instead), and its next cursor.</summary>
public sealed record ChangeBatch(IReadOnlyList<Change>? Changes, DateTimeOffset Next)
{
    /// <summary>The distinct keys changed, in the order first seen.</summary>
    public IReadOnlyList<string> Keys => Changes is null ? [] : [.. Changes.Select(c => c.Key).Distinct(StringComparer.Ordinal)];
}
