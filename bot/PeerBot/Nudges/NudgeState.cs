using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// Small shared rows the engine coordinates through: the sweep lease, sweep cursors, instance heartbeats and
/// follow-up statistics.
/// </summary>
public sealed class NudgeState(TableServiceClient service, TableNames names, TimeProvider clock)
{
    private const string Leases = "lease";
    private const string Cursors = "cursor";
    private const string Workers = "worker";
    private const string Stats = "stats";
    private readonly TableClient _table = service.GetTableClient(names.NudgeState);

    /// <summary>Takes or renews a lease; true when <paramref name="owner"/> holds it until now + <paramref name="duration"/>.</summary>
    public async Task<bool> TryLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Leases, name, cancellationToken: cancellationToken);
        var entity = new TableEntity(Leases, name) { ["Owner"] = owner, ["Until"] = now + duration };
        try
        {
            if (!row.HasValue)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            var held = row.Value!;
            if (held.GetString("Owner") != owner && held.GetDateTimeOffset("Until") > now)
            {
                return false;
            }
            await _table.UpdateEntityAsync(entity, held.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<DateTimeOffset?> CursorAsync(string name, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Cursors, name, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("At") : null;
    }

    public Task SetCursorAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Cursors, name) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Says this instance is alive, and returns how many instances are (itself included).</summary>
    public async Task<int> HeartbeatAsync(string instance, TimeSpan liveness, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await _table.UpsertEntityAsync(new TableEntity(Workers, instance) { ["SeenAt"] = now }, TableUpdateMode.Replace, cancellationToken);
        var live = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Workers}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("SeenAt") is { } seen && now - seen < liveness)
            {
                live++;
            }
            else if (row.GetDateTimeOffset("SeenAt") is { } old && now - old > 10 * liveness)
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
        }
        return Math.Max(1, live);
    }

    public async Task CountAsync(string statistic, string counter, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Stats, statistic, cancellationToken: cancellationToken);
            var entity = row.HasValue ? row.Value! : new TableEntity(Stats, statistic);
            entity[counter] = (entity.GetInt32(counter) ?? 0) + 1;
            try
            {
                if (row.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> StatisticsAsync(string statistic, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Stats, statistic, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return new Dictionary<string, int>();
        }
        return row.Value!.Where(p => p.Value is int).ToDictionary(p => p.Key, p => (int)p.Value);
    }
}
