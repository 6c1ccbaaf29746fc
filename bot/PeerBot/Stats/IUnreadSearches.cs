namespace PeerBot.Stats;

/// <summary>A search PeerBot could not read as a role, by its role words, and how often it was made.</summary>
public sealed record UnreadSearch(string Words, int Count);

/// <summary>
/// Searches the role model could not read, most frequent first, so admins see where the taxonomy should grow.
/// Implemented by the matching feature; none until it is registered.
/// </summary>
public interface IUnreadSearches
{
    Task<IReadOnlyList<UnreadSearch>> MostFrequentAsync(int count, CancellationToken cancellationToken);
}
