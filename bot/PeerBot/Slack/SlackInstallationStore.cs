using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using PeerBot.Storage;

namespace PeerBot.Slack;

/// <summary>
/// One installation per workspace (or per Enterprise Grid organization for org-wide installs), in Table
/// Storage, the bot token encrypted with Data Protection.
/// </summary>
public sealed class SlackInstallationStore(TableServiceClient service, TableNames names, IDataProtectionProvider protection)
{
    private const string TeamPartition = "team";
    private const string EnterprisePartition = "enterprise";

    // A workspace seen inside an Enterprise Grid organization, keyed by team id: which organization's installation serves it.
    private const string WorkspacePartition = "workspace";
    private readonly TableClient _table = service.GetTableClient(names.SlackInstallations);
    private readonly IDataProtector _tokens = protection.CreateProtector("PeerBot.Slack.BotToken.v1");

    /// <summary>Stores the installation, replacing an earlier one for the same workspace (a reinstall).</summary>
    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken)
    {
        var (partition, id) = KeyOf(installation);
        var entity = new TableEntity(partition, TableKeys.Escape(id))
        {
            ["TeamId"] = installation.TeamId,
            ["TeamName"] = installation.TeamName,
            ["EnterpriseId"] = installation.EnterpriseId,
            ["IsEnterpriseInstall"] = installation.IsEnterpriseInstall,
            ["BotToken"] = _tokens.Protect(installation.BotToken),
            ["BotUserId"] = installation.BotUserId,
            ["AppId"] = installation.AppId,
            ["Scopes"] = installation.Scopes,
            ["InstalledBy"] = installation.InstalledBy,
            ["InstalledAt"] = installation.InstalledAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The installation serving a workspace: its own, or its organization's org-wide one (by the organization's id,
    /// or when that is not given, by the organization the workspace was last seen in).
    /// </summary>
    public async Task<SlackInstallation?> FindAsync(string teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        if (teamId.Length > 0 && await ReadAsync(TeamPartition, teamId, cancellationToken) is { } team)
        {
            return Parse(team);
        }
        if (enterpriseId is not { Length: > 0 } && teamId.Length > 0 && await ReadAsync(WorkspacePartition, teamId, cancellationToken) is { } workspace)
        {
            enterpriseId = workspace.GetString("EnterpriseId");
        }
        return enterpriseId is { Length: > 0 } && await ReadAsync(EnterprisePartition, enterpriseId, cancellationToken) is { } org
            ? Parse(org) : null;
    }

    /// <summary>Records that a workspace belongs to an organization with an org-wide installation.</summary>
    public Task SaveWorkspaceAsync(string teamId, string enterpriseId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(WorkspacePartition, TableKeys.Escape(teamId)) { ["EnterpriseId"] = enterpriseId }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Removes the installation after an uninstall or token revocation that happened at <paramref name="at"/>.
    /// An installation made after that moment (a reinstall overtaking a late event) is kept.
    /// </summary>
    public async Task<bool> RemoveAsync(string teamId, string? enterpriseId, bool enterpriseInstall, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (partition, id) = enterpriseInstall && enterpriseId is { Length: > 0 } ? (EnterprisePartition, enterpriseId) : (TeamPartition, teamId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var row = await ReadAsync(partition, id, cancellationToken);
            if (row is null || row.GetDateTimeOffset("InstalledAt") > at)
            {
                return false;
            }
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Reinstalled or removed meanwhile: look again.
            }
        }
        return false;
    }

    private async Task<TableEntity?> ReadAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private SlackInstallation Parse(TableEntity row) => new()
    {
        TeamId = row.GetString("TeamId") ?? "",
        TeamName = row.GetString("TeamName"),
        EnterpriseId = row.GetString("EnterpriseId"),
        IsEnterpriseInstall = row.GetBoolean("IsEnterpriseInstall") ?? false,
        BotToken = _tokens.Unprotect(row.GetString("BotToken") ?? ""),
        BotUserId = row.GetString("BotUserId"),
        AppId = row.GetString("AppId"),
        Scopes = row.GetString("Scopes"),
        InstalledBy = row.GetString("InstalledBy"),
        InstalledAt = row.GetDateTimeOffset("InstalledAt") ?? DateTimeOffset.MinValue,
    };

    private static (string Partition, string Id) KeyOf(SlackInstallation installation) =>
        installation.IsEnterpriseInstall && installation.EnterpriseId is { Length: > 0 } enterprise
            ? (EnterprisePartition, enterprise)
            : (TeamPartition, installation.TeamId);
}
