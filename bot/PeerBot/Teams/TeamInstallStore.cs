using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>A Teams team PeerBot is installed in: the channel's team id, its Microsoft 365 group id, its tenant.</summary>
public sealed record TeamInstall(string TenantId, string TeamId, string AadGroupId, DateTimeOffset InstalledAt);

/// <summary>
/// The teams PeerBot is installed in, one partition per tenant: a member's admin rights in a personal chat come from
/// the teams of their own tenant only. Rows name teams, never people, so a member's "forget" has nothing here to erase.
/// </summary>
public sealed class TeamInstallStore(TableServiceClient service, TableNames names)
{
    /// <summary>How many of a tenant's teams a personal-chat admin check looks at (each is a Graph call).</summary>
    public const int MaxTeamsPerTenant = 50;

    private readonly TableClient _table = service.GetTableClient(names.TeamInstalls);

    public Task SaveAsync(TeamInstall install, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(install.TenantId), TableKeys.Escape(install.TeamId))
        {
            ["TenantId"] = install.TenantId,
            ["TeamId"] = install.TeamId,
            ["AadGroupId"] = install.AadGroupId,
            ["InstalledAt"] = install.InstalledAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<TeamInstall?> GetAsync(string tenantId, string teamId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(tenantId), TableKeys.Escape(teamId), cancellationToken: cancellationToken);
        return row.HasValue ? Parse(row.Value!) : null;
    }

    /// <summary>The tenant's teams, at most <see cref="MaxTeamsPerTenant"/>.</summary>
    public async Task<IReadOnlyList<TeamInstall>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var installs = new List<TeamInstall>();
        var partition = TableKeys.Escape(tenantId);
        await foreach (var row in _table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, maxPerPage: MaxTeamsPerTenant, cancellationToken: cancellationToken))
        {
            installs.Add(Parse(row));
            if (installs.Count == MaxTeamsPerTenant)
            {
                break;
            }
        }
        return installs;
    }

    public Task DeleteAsync(string tenantId, string teamId, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Escape(tenantId), TableKeys.Escape(teamId), ETag.All, cancellationToken);

    private static TeamInstall Parse(TableEntity row) => new(
        row.GetString("TenantId") ?? "", row.GetString("TeamId") ?? "", row.GetString("AadGroupId") ?? "", row.GetDateTimeOffset("InstalledAt") ?? DateTimeOffset.MinValue);
}
