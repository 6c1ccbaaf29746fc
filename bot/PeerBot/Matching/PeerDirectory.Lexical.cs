using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// The fallback for a query the role model cannot read ("head sommelier"): the words of the query against the words
/// of the titles, over the same in-memory index. It runs only when no role was read, so it never outranks a role
/// match, and it applies the same exclusions.
/// </summary>
public sealed partial class PeerDirectory
{
    // Lexical matches score below any role match (the weakest of those is 12 points).
    private const double LexicalTopScore = 0.1;

    private SearchOutcome? LexicalSearch(PeerQuery query, Asker asker, SearchRequest request, int top)
    {
        var words = RoleText.Words(query.RoleText).Where(w => w != RoleText.Break).ToList();
        var rare = query.Role.UnknownWords.ToHashSet(StringComparer.Ordinal);
        var titles = _titles.Lexical(words, rare);
        if (titles.Count == 0)
        {
            return null;
        }
        var industryAllowed = query.Industry is null ? null : IndustriesMatching(query.Industry);
        var bands = query.Bands?.Select(b => b.Index).ToHashSet();
        // The best few so far, best first: title score, then size, topics and industry, then the stable tie hash.
        var found = new List<(double Title, int Points, uint Tie, int Slot)>(top + 1);
        var bestScore = titles[0].Score;
        var topicBound = asker.TopicIds.Length > 0 ? Ranking.MaxTopics : 0;
        foreach (var (title, score) in titles)
        {
            if (found.Count >= top && score < found[^1].Title)
            {
                break;
            }
            for (var slot = _titles.FirstHolder(title); slot >= 0; slot = _titles.NextHolder(slot))
            {
                var band = _headcount[slot] > 0 ? HeadcountBand.Of(_headcount[slot]).Index : UnknownBand;
                var industryKey = _industryKeyOf[_industry[slot]];
                var points = Ranking.Size(asker.Band, band == UnknownBand ? -1 : band) + (industryKey == asker.IndustryKey ? Ranking.SameIndustry : 0);
                // A full page of this title's holders is beaten only by more points, or as many and an earlier tie hash:
                // most holders of a common title are passed over here, before their topics and organization are read.
                var full = found.Count >= top && found[^1].Title == score;
                if (full && points + topicBound < found[^1].Points)
                {
                    continue;
                }
                points += asker.TopicIds.Length > 0 ? TopicPoints(_topicSet[slot], asker.TopicIds) : 0;
                if (full && (points < found[^1].Points || (points == found[^1].Points && _tie[slot] > found[^1].Tie)))
                {
                    continue;
                }
                if (_organizationKey[slot] == asker.OrganizationKey || (_domain[slot] != 0 && _domain[slot] == asker.Domain)
                    || _organizationNameOf[_organization[slot]] == asker.OrganizationName || slot == asker.Slot
                    || (industryAllowed is not null && (industryKey < 0 || !industryAllowed[industryKey]))
                    || (bands is not null && !bands.Contains(band)))
                {
                    continue;
                }
                var candidate = (score, points, _tie[slot], slot);
                var at = found.Count;
                while (at > 0 && LexicallyBefore(candidate, found[at - 1]))
                {
                    at--;
                }
                // Exclusions are asked only about members that would make the page.
                if (at < top && !IsExcluded(request, slot))
                {
                    found.Insert(at, candidate);
                    if (found.Count > top)
                    {
                        found.RemoveAt(top);
                    }
                }
            }
        }
        var wordsUsed = UnreadWords(words);
        var matches = new List<PeerMatch>();
        foreach (var (score, _, _, slot) in found.Take(top))
        {
            var peer = PeerAt(slot);
            var matched = RoleText.Words(peer.Title).Where(w => words.Contains(w) && !_reader.Knows(w)).Distinct().ToList();
            var shared = SharedTopics(peer, asker);
            var band = _headcount[slot] > 0 ? HeadcountBand.Of(_headcount[slot]).Index : UnknownBand;
            var parts = new List<string> { "Title words: " + string.Join(", ", matched) };
            if (asker.Band >= 0 && band != UnknownBand && Math.Abs(asker.Band - band) <= 1)
            {
                parts.Add($"similar size ({HeadcountBand.All[band].Label})");
            }
            if (shared.Count > 0)
            {
                parts.Add((shared.Count == 1 ? "shared topic: " : "shared topics: ") + string.Join(", ", shared));
            }
            matches.Add(new PeerMatch(peer, Math.Round(LexicalTopScore * score / bestScore, 3), string.Join(" · ", parts), shared));
        }
        var notes = new List<string>(query.Notes) { Replies.ByTitleWords(wordsUsed) };
        return new SearchOutcome(true, "titles with " + string.Join(" ", wordsUsed), matches, [], string.Join(" ", notes))
        {
            ByTitleWords = true,
            UnreadWords = wordsUsed.Count == 0 ? null : string.Join(' ', wordsUsed),
        };
    }

    private bool LexicallyBefore((double Title, int Points, uint Tie, int Slot) a, (double Title, int Points, uint Tie, int Slot) b) =>
        a.Title != b.Title ? a.Title > b.Title
        : a.Points != b.Points ? a.Points > b.Points
        : a.Tie != b.Tie ? a.Tie < b.Tie
        : CompareIds(a.Slot, b.Slot) < 0;

    /// <summary>The query's words that name roles: words of some title or of the role model, without filler or anything else typed.</summary>
    private List<string> UnreadWords(List<string> words)
    {
        var kept = new List<string>();
        foreach (var word in words)
        {
            if (kept.Count < 6 && !kept.Contains(word) && word.Length > 1 && (_titles.IsTitleWord(word) || _reader.Knows(word)) && !IsFiller(word))
            {
                kept.Add(word);
            }
        }
        return kept;
    }

    private bool IsFiller(string word) =>
        _reader.Taxonomy.Terms.TryGetValue(word, out var term) && term.Kind is TermKind.Ignore or TermKind.Stop;
}
