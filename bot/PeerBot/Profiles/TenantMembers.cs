using System.Runtime.CompilerServices;
using PeerBot.Privacy;
using PeerBot.Storage;

namespace PeerBot.Profiles;

/// <summary>A tenant's members' profiles, hidden and shown again when the tenant leaves and returns.</summary>
public sealed class TenantMembers(ProfileStore profiles) : ITenantMembers
{
    public async Task<int> WithholdAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var hidden = 0;
        await foreach (var member in profiles.ListInTenantAsync(tenantId, cancellationToken))
        {
            hidden += await ChangeAsync(member, p => p.WithheldSince is not null ? null
                : p with { WithheldSince = since, DiscoverableOnReturn = p.Discoverable, Discoverable = false }, cancellationToken) ? 1 : 0;
        }
        return hidden;
    }

    public async Task<int> RestoreAsync(string tenantId, CancellationToken cancellationToken)
    {
        var shown = 0;
        await foreach (var member in profiles.ListInTenantAsync(tenantId, cancellationToken))
        {
            shown += await ChangeAsync(member, p => p.WithheldSince is null ? null
                : p with { WithheldSince = null, Discoverable = p.DiscoverableOnReturn, DiscoverableOnReturn = false }, cancellationToken) ? 1 : 0;
        }
        return shown;
    }

    public async IAsyncEnumerable<string> MemberIdsAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var member in profiles.ListInTenantAsync(tenantId, cancellationToken))
        {
            yield return member.Peer.Id;
        }
    }

    /// <summary>Applies <paramref name="change"/> (null: nothing to do) under the row's ETag, reading again when the member saved meanwhile.</summary>
    private async Task<bool> ChangeAsync(StoredPeer member, Func<Peer, Peer?> change, CancellationToken cancellationToken)
    {
        var current = member;
        for (var attempt = 0; attempt < 5 && current is not null; attempt++)
        {
            if (change(current.Peer) is not { } changed)
            {
                return false;
            }
            try
            {
                await profiles.SaveAsync(changed, current.ETag, cancellationToken);
                return true;
            }
            catch (ConcurrentEditException)
            {
                current = await profiles.GetAsync(member.Peer.Id, cancellationToken);
            }
        }
        return false;
    }
}
