using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PeerBot.Storage;

namespace PeerBot.Slack;

/// <summary>One piece of acknowledged Slack work held by this instance, with its lease.</summary>
public sealed class SlackWorkItem(string id, ETag etag, SlackWork work, DateTimeOffset leasedAt)
{
    /// <summary>The row's key: the same whoever holds the work, so it names the work in the delivery claim.</summary>
    public string Id { get; } = id;

    public ETag ETag { get; set; } = etag;

    public SlackWork Work { get; } = work;

    /// <summary>When the lease was last taken or renewed.</summary>
    public DateTimeOffset LeasedAt { get; set; } = leasedAt;
}

/// <summary>
/// Acknowledged Slack work, kept in a table from before Slack gets its 200 until the work is done, so that it survives
/// the instance that acknowledged it. Each row carries a lease (<c>LeaseUntil</c>) that its holder renews; when the
/// holder dies, the lease runs out and another instance takes the row over (an ETag-guarded write, so only one does).
/// Work that keeps failing moves to a poison partition, where it is kept, never dropped.
/// </summary>
/// <remarks>
/// A table rather than a Storage queue: on Azurite (every test and local run), deleting or updating a queue message
/// costs time in proportion to the queue's length (about 200 ms each with 5,000 messages waiting), a table row about
/// 1 ms. Rows are keyed by acknowledgement time, so looking for abandoned work reads only rows older than one lease.
/// </remarks>
public sealed class SlackBacklog(TableServiceClient service, TableNames names, IOptions<SlackOptions> options, TimeProvider clock)
{
    private const string Waiting = "work";
    private const string Poisoned = "poison";
    private const string PartsProperty = "Parts";

    /// <summary>Binary properties hold 64 KiB each; a row 1 MiB in all.</summary>
    private const int PartBytes = 60 * 1024;
    private const int MaxParts = 15;

    private readonly TableClient _table = service.GetTableClient(names.SlackWork);

    /// <summary>Who holds a lease, for the log and for anyone looking at the table.</summary>
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    private TimeSpan Lease => options.Value.WorkLease;

    /// <summary>Writes the work, leased to this instance from the start: nobody else takes it while this instance works on it.</summary>
    /// <exception cref="SlackWorkTooLargeException">The work does not fit in a row, even compressed.</exception>
    public async Task<SlackWorkItem> AddAsync(SlackWork work, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = $"{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        var row = new TableEntity(Waiting, id)
        {
            ["LeaseUntil"] = now + Lease,
            ["Holder"] = _instance,
            ["Takeovers"] = 0,
        };
        var bytes = work.ToBytes();
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        if (parts > MaxParts)
        {
            throw new SlackWorkTooLargeException(bytes.Length);
        }
        for (var i = 0; i < parts; i++)
        {
            row["W" + i.ToString(CultureInfo.InvariantCulture)] = bytes.AsSpan(i * PartBytes, Math.Min(PartBytes, bytes.Length - i * PartBytes)).ToArray();
        }
        row[PartsProperty] = parts;
        var response = await _table.AddEntityAsync(row, cancellationToken);
        return new SlackWorkItem(id, response.Headers.ETag ?? default, work, now);
    }

    /// <summary>
    /// Takes over work whose lease ran out (its holder died, or fell so far behind that it could not start it in time).
    /// </summary>
    public async Task<List<SlackWorkItem>> TakeOverAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Work acknowledged within the last lease is certainly still leased: only older rows are read.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Waiting} and RowKey lt {(now - Lease).UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}");
        var expired = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: ["PartitionKey", "RowKey", "LeaseUntil", "Takeovers"], cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("LeaseUntil") < now)
            {
                expired.Add(row);
                if (expired.Count == max)
                {
                    break;
                }
            }
        }
        var taken = new List<SlackWorkItem>();
        foreach (var row in expired)
        {
            var takeovers = (row.GetInt32("Takeovers") ?? 0) + 1;
            var claim = new TableEntity(Waiting, row.RowKey) { ["LeaseUntil"] = now + Lease, ["Holder"] = _instance, ["Takeovers"] = takeovers };
            ETag etag;
            try
            {
                etag = (await _table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Merge, cancellationToken)).Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Another instance was quicker, or the holder finished after all.
                continue;
            }
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Waiting, row.RowKey, cancellationToken: cancellationToken);
            if (!stored.HasValue)
            {
                continue;
            }
            var work = Read(stored.Value!);
            if (work is null || takeovers > options.Value.MaxWorkAttempts)
            {
                await PoisonAsync(stored.Value!, cancellationToken);
                continue;
            }
            taken.Add(new SlackWorkItem(row.RowKey, stored.Value!.ETag, work, now));
        }
        return taken;
    }

    /// <summary>Extends the lease; false when the work is no longer this instance's (another one took it over, or it is done).</summary>
    public async Task<bool> RenewAsync(SlackWorkItem item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var response = await _table.UpdateEntityAsync(new TableEntity(Waiting, item.Id) { ["LeaseUntil"] = now + Lease }, item.ETag, TableUpdateMode.Merge, cancellationToken);
            item.ETag = response.Headers.ETag ?? default;
            item.LeasedAt = now;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>The work is done: its row goes, unless another instance holds it now (it finds the delivery claimed).</summary>
    public async Task CompleteAsync(SlackWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Waiting, item.Id, item.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Taken over meanwhile: its new holder removes it.
        }
    }

    /// <summary>How much work waits or is held, and how much was poisoned (for the load run and operations).</summary>
    public async Task<(int Waiting, int Poisoned)> CountAsync(CancellationToken cancellationToken)
    {
        var (waiting, poisoned) = (0, 0);
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (row.PartitionKey == Waiting)
            {
                waiting++;
            }
            else
            {
                poisoned++;
            }
        }
        return (waiting, poisoned);
    }

    private static SlackWork? Read(TableEntity row)
    {
        var parts = row.GetInt32(PartsProperty) ?? 0;
        using var bytes = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            if (row.GetBinary("W" + i.ToString(CultureInfo.InvariantCulture)) is not { } part)
            {
                return null;
            }
            bytes.Write(part);
        }
        return SlackWork.FromBytes(bytes.ToArray());
    }

    /// <summary>Copies the row to the poison partition first, so that it cannot vanish between the two steps.</summary>
    private async Task PoisonAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var copy = new TableEntity(Poisoned, row.RowKey) { ["PoisonedAt"] = clock.GetUtcNow() };
        foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            copy[name] = value;
        }
        await _table.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
        await _table.DeleteEntityAsync(Waiting, row.RowKey, ETag.All, cancellationToken);
    }
}

/// <summary>A Slack request whose work does not fit in a table row, even compressed: it is refused, never acknowledged.</summary>
public sealed class SlackWorkTooLargeException : Exception
{
    public SlackWorkTooLargeException() { }

    public SlackWorkTooLargeException(string message) : base(message) { }

    public SlackWorkTooLargeException(string message, Exception inner) : base(message, inner) { }

    public SlackWorkTooLargeException(int bytes) : base($"Slack work of {bytes} bytes (compressed) does not fit in a table row.") { }
}
