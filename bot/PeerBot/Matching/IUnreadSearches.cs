namespace PeerBot.Matching;

/// <summary>A search PeerBot could not read as a role, by its role words, and how often it was made.</summary>
public sealed record UnreadSearch(string Words, int Count);

/// <summary>
/// Searches the role model could not read, most frequent first, so admins see where the taxonomy should grow.
/// Matching owns and implements it; Stats reads it (Stats already reads Intros, which uses Matching, so the other
/// way round would be a cycle).
/// </summary>
public interface IUnreadSearches
{
    Task<IReadOnlyList<UnreadSearch>> MostFrequentAsync(int count, CancellationToken cancellationToken);
}
