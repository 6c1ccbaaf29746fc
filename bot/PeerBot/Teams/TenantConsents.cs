using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using PeerBot.Conversations;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>
/// Tells a tenant, once, that it has not consented to PeerBot's Entra app, so team owners there cannot be recognised:
/// the member whose admin command needed the check (a team owner, as far as anyone can tell without Graph) gets the
/// admin-consent link to pass to their Microsoft 365 admin. "Once" holds across instances and restarts (one row per
/// tenant, written with a conditional insert); a tenant that consents later is told again if it ever withdraws.
/// </summary>
public sealed class TenantConsents(TableServiceClient service, TableNames names, MemberMessenger messenger, GraphTokens tokens, TimeProvider clock)
{
    private const string Partition = "missing";
    private readonly TableClient _table = service.GetTableClient(names.TenantConsents);
    private readonly ConcurrentDictionary<string, bool> _told = new(StringComparer.OrdinalIgnoreCase);

    public static string Notice(string adminConsentUrl, string appId) =>
        "PeerBot cannot check who owns teams in your organization: your Microsoft 365 organization has not consented to " +
        $"the PeerBot app (client id {appId}), so Microsoft Graph refuses to answer. Until it does, team owners here are not " +
        "recognised as PeerBot admins (channel nudges, statistics), though everything else works. A Global Administrator " +
        $"or Privileged Role Administrator can grant it in one step: {adminConsentUrl} (PeerBot reads only the member " +
        "lists of the teams it is added to). Please pass this on to your admin.";

    /// <summary>Graph refused for want of consent while checking <paramref name="memberId"/>: their tenant hears of it, once.</summary>
    public async Task MissingAsync(string tenantId, string memberId, CancellationToken cancellationToken)
    {
        if (_told.ContainsKey(tenantId))
        {
            return;
        }
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition, TableKeys.Escape(tenantId)) { ["TenantId"] = tenantId, ["ToldAt"] = clock.GetUtcNow() }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            _told[tenantId] = true;
            return;
        }
        _told[tenantId] = true;
        await messenger.SendAsync(memberId, new TextReply(Notice(tokens.AdminConsentUrl(tenantId), tokens.AppId)), cancellationToken);
    }

    /// <summary>A token for the tenant worked: if it was told of missing consent, it may be told again should that recur.</summary>
    public async Task GrantedAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_told.TryRemove(tenantId, out _))
        {
            await _table.DeleteEntityAsync(Partition, TableKeys.Escape(tenantId), ETag.All, cancellationToken);
        }
    }
}
