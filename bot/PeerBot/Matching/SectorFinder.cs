namespace PeerBot.Matching;

/// <summary>
/// Finds a sector in free text (an industry or an organization's name) by its words: the longest phrase found wins,
/// then the sector listed first ("NHS Foundation Trust" is a hospital, not a charity).
/// </summary>
internal sealed class SectorFinder
{
    private readonly Dictionary<string, Sector> _phrases = new(StringComparer.Ordinal);
    private readonly int _longest;

    public SectorFinder(IEnumerable<(string Phrase, Sector Sector)> phrases)
    {
        foreach (var (phrase, sector) in phrases)
        {
            var key = RoleText.NormaliseTerm(phrase);
            if (key.Length == 0 || !_phrases.TryAdd(key, sector))
            {
                throw new InvalidDataException($"Sector phrase '{phrase}' is empty or appears twice.");
            }
        }
        _longest = _phrases.Count == 0 ? 0 : _phrases.Keys.Max(k => k.Count(c => c == ' ') + 1);
    }

    public Sector? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || _phrases.Count == 0)
        {
            return null;
        }
        var words = RoleText.Words(text);
        Sector? best = null;
        var bestLength = 0;
        for (var i = 0; i < words.Count; i++)
        {
            for (var n = Math.Min(_longest, words.Count - i); n >= 1 && n >= bestLength; n--)
            {
                var key = n == 1 ? words[i] : string.Join(' ', words.GetRange(i, n));
                if (_phrases.TryGetValue(key, out var sector) && (n > bestLength || sector.Index < best!.Index))
                {
                    best = sector;
                    bestLength = n;
                    break;
                }
            }
        }
        return best;
    }
}
