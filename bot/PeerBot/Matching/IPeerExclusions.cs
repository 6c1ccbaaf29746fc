namespace PeerBot.Matching;

/// <summary>
/// Peers a search must not offer, decided outside matching: paused or blocked members, people already
/// introduced to or pending with the asker, and recipients at the cap of pending requests. Every
/// registered implementation is consulted; the directory asks only about peers that would make the results.
/// </summary>
public interface IPeerExclusions
{
    /// <param name="askerId">Null for an anonymous search.</param>
    bool Excludes(string? askerId, string peerId);
}

/// <summary>The default: nothing is excluded beyond what matching itself rules out.</summary>
public sealed class NoExclusions : IPeerExclusions
{
    public bool Excludes(string? askerId, string peerId) => false;
}
