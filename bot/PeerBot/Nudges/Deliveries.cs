using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

public enum ClaimResult
{
    /// <summary>This instance may send now.</summary>
    Claimed,

    /// <summary>Sent (or settled) before: do not send again, only finish the bookkeeping.</summary>
    Done,

    /// <summary>A live instance is sending it right now, from its own copy of the work.</summary>
    HeldElsewhere,
}

/// <summary>
/// The dedupe ledger: one row per send, written before the send. A row left "Sending" by an instance that died
/// is taken over once its lease ran out (the work's queue message came back by then), so nothing is lost. Rows are
/// partitioned by the job's target (a member or a channel), so that a member's sends are found in one partition.
/// </summary>
public sealed class Deliveries(TableServiceClient service, TableNames names, TimeProvider clock)
{
    private const string Sending = "Sending";
    private readonly TableClient _table = service.GetTableClient(names.NudgeDeliveries);

    public async Task<(ClaimResult Result, string? Outcome)> ClaimAsync(NudgeJob job, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var key = job.DedupeKey;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                await _table.AddEntityAsync(new TableEntity(Partition(job), TableKeys.Escape(key))
                {
                    ["Key"] = key,
                    ["Status"] = Sending,
                    ["Owner"] = owner,
                    ["ClaimedAt"] = now,
                }, cancellationToken);
                return (ClaimResult.Claimed, null);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(job), TableKeys.Escape(job.DedupeKey), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                continue;
            }
            var existing = row.Value!;
            if (existing.GetString("Status") != Sending)
            {
                return (ClaimResult.Done, existing.GetString("Status"));
            }
            if (now - (existing.GetDateTimeOffset("ClaimedAt") ?? now) < lease)
            {
                return (ClaimResult.HeldElsewhere, null);
            }
            existing["Owner"] = owner;
            existing["ClaimedAt"] = now;
            existing["Takeovers"] = (existing.GetInt32("Takeovers") ?? 0) + 1;
            try
            {
                await _table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return (ClaimResult.Claimed, null);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                return (ClaimResult.HeldElsewhere, null);
            }
        }
        return (ClaimResult.HeldElsewhere, null);
    }

    /// <summary>Records how the send ended ("Delivered", "Unreachable", "Blocked").</summary>
    public Task CompleteAsync(NudgeJob job, string outcome, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(job), TableKeys.Escape(job.DedupeKey))
        {
            ["Key"] = job.DedupeKey,
            ["Status"] = outcome,
            ["CompletedAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Gives a claim back after a send that surely did not happen, so the retry can send.</summary>
    public Task ReleaseAsync(NudgeJob job, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(Partition(job), TableKeys.Escape(job.DedupeKey), ETag.All, cancellationToken);

    public async Task<string?> StatusAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(job), TableKeys.Escape(job.DedupeKey), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Status") : null;
    }

    /// <summary>Every send to the member (their erasure): one partition.</summary>
    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    private static string Partition(NudgeJob job) => TableKeys.Escape(job.Target);
}
