using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Privacy;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>
/// Where PeerBot is installed in each tenant: members' personal installs here (one partition per tenant), teams in
/// <see cref="TeamInstallStore"/>. When the last install of a tenant goes, the tenant has removed PeerBot and
/// <see cref="UninstalledTenants"/> hides its members; any install (or a member's turn) brings them back. Installs
/// made before this record existed are unknown, so a member's turn from a tenant marked gone counts as a return.
/// </summary>
public sealed class TenantInstalls(PersonalInstallStore personal, TeamInstallStore teams, UninstalledTenants departures)
{
    /// <summary>PeerBot was installed in the tenant: in a member's personal scope (<paramref name="memberId"/>) or a team.</summary>
    public async Task InstalledAsync(string? tenantId, string? memberId, CancellationToken cancellationToken)
    {
        if (tenantId is not { Length: > 0 })
        {
            return;
        }
        if (memberId is not null)
        {
            await personal.SaveAsync(tenantId, memberId, cancellationToken);
        }
        await departures.ReturnAsync(tenantId, cancellationToken);
    }

    /// <summary>PeerBot was removed from a member's personal scope or a team; the tenant is gone when nothing is left.</summary>
    public async Task RemovedAsync(string? tenantId, string? memberId, CancellationToken cancellationToken)
    {
        if (tenantId is not { Length: > 0 })
        {
            return;
        }
        if (memberId is not null)
        {
            await personal.DeleteAsync(tenantId, memberId, cancellationToken);
        }
        if (!await personal.AnyAsync(tenantId, cancellationToken) && (await teams.ListAsync(tenantId, cancellationToken)).Count == 0)
        {
            await departures.MarkAsync(tenantId, cancellationToken);
        }
    }

    /// <summary>A turn from the tenant: if this instance knows it as gone, it has come back (memory only otherwise).</summary>
    public Task SeenAsync(string? tenantId, CancellationToken cancellationToken) =>
        departures.IsUninstalled(tenantId) ? departures.ReturnAsync(tenantId!, cancellationToken) : Task.CompletedTask;
}

/// <summary>Members' personal installs of PeerBot, one partition per tenant.</summary>
public sealed class PersonalInstallStore(TableServiceClient service, TableNames names, TimeProvider clock)
{
    private readonly TableClient _table = service.GetTableClient(names.PersonalInstalls);

    public Task SaveAsync(string tenantId, string memberId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(tenantId), TableKeys.Escape(memberId))
        {
            ["MemberId"] = memberId,
            ["InstalledAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    public Task DeleteAsync(string tenantId, string memberId, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Escape(tenantId), TableKeys.Escape(memberId), ETag.All, cancellationToken);

    public async Task<bool> AnyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(tenantId)}");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }

    /// <summary>The member's installs in any tenant (a scan by row key: only for a member's export or erasure).</summary>
    public async Task<List<TableEntity>> OfMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    public Task DeleteRowAsync(TableEntity row, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
}

/// <summary>A member's personal installs, for export and erasure.</summary>
public sealed class PersonalInstallData(PersonalInstallStore store) : IMemberData
{
    public string Section => "installs";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var rows = await store.OfMemberAsync(memberId, cancellationToken);
        return rows.Count == 0 ? null : new JsonArray([.. rows.Select(r => (JsonNode?)new JsonObject
        {
            ["installedAt"] = r.GetDateTimeOffset("InstalledAt")?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]);
    }

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        foreach (var row in await store.OfMemberAsync(memberId, cancellationToken))
        {
            await store.DeleteRowAsync(row, cancellationToken);
        }
    }
}
