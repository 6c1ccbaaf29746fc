namespace PeerBot.Matching;

/// <summary>
/// Peers an asker must not be offered because of their own history (already introduced, pending, or
/// declined recently). Read once per search, before the in-memory search runs.
/// </summary>
public interface IAskerHistory
{
    Task<IReadOnlySet<string>> PeersToSkipAsync(string askerId, CancellationToken cancellationToken);
}
