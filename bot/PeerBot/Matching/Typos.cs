namespace PeerBot.Matching;

/// <summary>
/// Corrects a misspelt word towards the taxonomy's vocabulary. Only longer words are corrected, and
/// only when they start with the same letter, so that short real words are never bent into roles:
/// one edit for words of five to eight letters, two edits from nine letters on.
/// </summary>
internal static class Typos
{
    public const int MinLength = 5;

    public static string? Correct(string word, IReadOnlyList<string> vocabulary)
    {
        if (word.Length < MinLength || !word.All(char.IsLetter))
        {
            return null;
        }
        var allowed = word.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in vocabulary)
        {
            if (candidate[0] != word[0] || Math.Abs(candidate.Length - word.Length) > allowed)
            {
                continue;
            }
            var distance = Distance(word, candidate, allowed);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance (a swap of neighbours counts as one edit), capped just above <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit)
    {
        // Three rows of the edit matrix, on the stack: this runs for every vocabulary word a typo is compared with.
        var width = b.Length + 1;
        Span<int> buffer = width <= 64 ? stackalloc int[3 * 64] : new int[3 * width];
        var previousPrevious = buffer.Slice(0, width);
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            var spare = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }
}
