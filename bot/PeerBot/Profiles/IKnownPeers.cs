namespace PeerBot.Profiles;

/// <summary>
/// Profiles this instance holds in memory (Matching's directory holds every profile, and implements this), so that a
/// member's own turn reads their profile without a storage call.
/// </summary>
public interface IKnownPeers
{
    /// <summary>The profile as held in memory, or null when this instance does not hold it (yet).</summary>
    Peer? Find(string id);
}
