using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// Due work in Table Storage, one row per job, partitioned by the UTC minute it falls due so that "everything
/// due by now" is a range read over the oldest partitions. A row is only a wake-up call: the job checks
/// against the member's or channel's row whether it is still current.
/// </summary>
public sealed class NudgeTimers(TableServiceClient service, TableNames names, NudgeIndex index)
{
    private readonly TableClient _table = service.GetTableClient(names.NudgeTimers);

    public static string Slot(DateTimeOffset due) => due.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static TableEntity Row(NudgeJob job) => new(Slot(job.Due), TableKeys.Escape(job.Identity))
    {
        ["Job"] = job.ToJson(),
        ["DueAt"] = job.Due,
    };

    public async Task ScheduleAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var row = Row(job);
        if (job.Kind != JobKinds.Channel)
        {
            // Timers are keyed by their minute: the member's index finds theirs when they ask to be forgotten.
            await index.NoteAsync(job.Target, NudgeIndex.Timer, _table.Name, row.PartitionKey, row.RowKey, cancellationToken, latestOnly: true);
        }
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the row for a job that will not run (best effort: a stale row is harmless).</summary>
    public async Task CancelAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Slot(job.Due), TableKeys.Escape(job.Identity), cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetDateTimeOffset("DueAt") == job.Due)
        {
            await _table.DeleteEntityAsync(row.Value.PartitionKey, row.Value.RowKey, row.Value.ETag, cancellationToken);
        }
    }

    /// <summary>Every row due at or before <paramref name="now"/>, oldest minute first.</summary>
    public async IAsyncEnumerable<(NudgeJob Job, TableEntity Row)> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Slot(now)} and DueAt le {now}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (NudgeJob.TryParse(row.GetString("Job") ?? "") is { } job)
            {
                yield return (job, row);
            }
        }
    }

    /// <summary>Deletes rows that were handed to the queue; a row changed meanwhile (new ETag) stays.</summary>
    public async Task RemoveAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)).ToList();
                try
                {
                    await _table.SubmitTransactionAsync(actions, cancellationToken);
                }
                catch (TableTransactionFailedException)
                {
                    // One row changed or went meanwhile; delete the others one by one.
                    foreach (var r in chunk)
                    {
                        try
                        {
                            await _table.DeleteEntityAsync(r.PartitionKey, r.RowKey, r.ETag, cancellationToken);
                        }
                        catch (RequestFailedException e) when (e.Status is 404 or 412)
                        {
                        }
                    }
                }
            }
        }
    }
}
