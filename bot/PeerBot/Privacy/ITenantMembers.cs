namespace PeerBot.Privacy;

/// <summary>
/// The members of a tenant, as the feature that keeps profiles knows them: what <see cref="UninstalledTenants"/> needs
/// to hide, show again and erase a tenant's members without knowing how profiles are stored.
/// </summary>
public interface ITenantMembers
{
    /// <summary>Takes the tenant's members out of search, keeping each one's own choice for their return. Returns how many were listed.</summary>
    Task<int> WithholdAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Lists the tenant's withheld members again as each chose. Returns how many.</summary>
    Task<int> RestoreAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The ids of the tenant's members.</summary>
    IAsyncEnumerable<string> MemberIdsAsync(string tenantId, CancellationToken cancellationToken);
}
