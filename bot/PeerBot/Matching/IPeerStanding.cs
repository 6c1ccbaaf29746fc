namespace PeerBot.Matching;

/// <summary>
/// A small ranking signal decided outside matching: points (0 to <see cref="Ranking.MaxStanding"/>) for peers who
/// answer intro requests and show up. It only orders peers that are otherwise close; it is never shown and never
/// hides anyone. Read from memory during the search, so it must answer at once.
/// </summary>
public interface IPeerStanding
{
    int Points(string peerId);
}
