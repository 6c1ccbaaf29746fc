using Microsoft.Extensions.Caching.Memory;

namespace PeerBot.Profiles;

/// <summary>
/// Profiles for a turn (the member's own, the peer they ask for): from memory (the directory holds every profile, kept current by the profile
/// change records), and from storage only when memory does not hold it. That a member has no profile is remembered for
/// a few seconds, so a turn that asks twice (the welcome, then the search) reads storage once; a profile saved on this
/// instance clears it at once.
/// </summary>
public sealed class MemberProfiles : IDisposable
{
    public static readonly TimeSpan AbsenceRemembered = TimeSpan.FromSeconds(5);
    private readonly MemoryCache _absent = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly ProfileStore _store;
    private readonly IKnownPeers _known;

    public MemberProfiles(ProfileStore store, IKnownPeers known)
    {
        _store = store;
        _known = known;
        store.Saved += peer => _absent.Remove(peer.Id);
    }

    /// <summary>Only what the search and the intro rules need: name, title, organization and its key, size, industry, topics, email.</summary>
    public async ValueTask<Peer?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_known.Find(id) is { } peer)
        {
            return peer;
        }
        if (_absent.TryGetValue(id, out _))
        {
            return null;
        }
        var stored = (await _store.GetAsync(id, cancellationToken))?.Peer;
        if (stored is null)
        {
            _absent.Set(id, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AbsenceRemembered });
        }
        return stored;
    }

    public void Dispose() => _absent.Dispose();
}
