namespace PeerBot.Matching;

/// <summary>
/// Every distinct title the directory holds, read into roles once (and once per sector for a title whose reading
/// depends on where it is held), with the members who hold it and the words it is made of. The words serve the
/// lexical fallback: a title the role model cannot read is still found by its words. Not thread-safe: the
/// directory guards it.
/// </summary>
internal sealed class TitleIndex(RoleReader reader)
{
    private const int MaxWordsPerTitle = 12;

    // Words that carry no meaning in a title; everything else, known to the role model or not, is searchable.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "of", "the", "for", "in", "a", "an", "on", "and", "or", "at", "to", "with", "de", "la", "des", "du", "der", "y", "et" };

    private readonly StringPool _titles = new(StringComparer.Ordinal);
    private readonly List<TitleRole[]> _roles = [];
    private readonly List<bool> _bySector = [];
    private readonly Dictionary<long, TitleRole[]> _sectorRoles = [];
    private readonly StringPool _specialties = CreateSpecialties();
    private readonly List<int> _firstHolder = [];
    private int[] _nextHolder = [];
    private int[] _previousHolder = [];

    private readonly StringPool _words = new(StringComparer.Ordinal);
    private readonly List<int[]> _titleWords = [];
    private readonly List<List<int>> _wordTitles = [];
    private readonly List<int> _wordHolders = [];
    private long _postedWords;

    /// <summary>Members linked under a title (the discoverable ones).</summary>
    public int Holders { get; private set; }

    public string this[int title] => _titles[title];

    public int Intern(string title)
    {
        var id = _titles.Intern(title);
        if (id == _roles.Count)
        {
            var read = reader.ReadTitle(title);
            _roles.Add(Roles(read));
            _bySector.Add(read.DependsOnSector);
            _firstHolder.Add(-1);
            var words = new List<int>();
            foreach (var word in RoleText.Words(title))
            {
                if (word != RoleText.Break && !Filler.Contains(word) && words.Count < MaxWordsPerTitle)
                {
                    var w = _words.Intern(word);
                    if (w == _wordTitles.Count)
                    {
                        _wordTitles.Add([]);
                        _wordHolders.Add(0);
                    }
                    if (!words.Contains(w))
                    {
                        words.Add(w);
                        _wordTitles[w].Add(id);
                    }
                }
            }
            _titleWords.Add([.. words]);
        }
        return id;
    }

    /// <summary>The roles a title is read as, held at an organization of <paramref name="sector"/>.</summary>
    public TitleRole[] RolesOf(int title, Sector? sector)
    {
        if (sector is null || !_bySector[title])
        {
            return _roles[title];
        }
        var key = ((long)title << 8) | (uint)sector.Index;
        if (!_sectorRoles.TryGetValue(key, out var roles))
        {
            roles = Roles(reader.ReadTitle(_titles[title], sector));
            _sectorRoles.Add(key, roles);
        }
        return roles;
    }

    public int SpecialtyId(string? specialty) => specialty is null ? 0 : Math.Max(0, _specialties.Find(specialty));

    public string Specialty(int id) => _specialties[id];

    public void EnsureSlots(int capacity)
    {
        if (_nextHolder.Length < capacity)
        {
            Array.Resize(ref _nextHolder, capacity);
            Array.Resize(ref _previousHolder, capacity);
        }
    }

    public void Link(int slot, int title)
    {
        var first = _firstHolder[title];
        _nextHolder[slot] = first;
        _previousHolder[slot] = -1;
        if (first >= 0)
        {
            _previousHolder[first] = slot;
        }
        _firstHolder[title] = slot;
        foreach (var w in _titleWords[title])
        {
            _wordHolders[w]++;
        }
        _postedWords += _titleWords[title].Length;
        Holders++;
    }

    public void Unlink(int slot, int title)
    {
        var next = _nextHolder[slot];
        var previous = _previousHolder[slot];
        if (previous >= 0)
        {
            _nextHolder[previous] = next;
        }
        else
        {
            _firstHolder[title] = next;
        }
        if (next >= 0)
        {
            _previousHolder[next] = previous;
        }
        foreach (var w in _titleWords[title])
        {
            _wordHolders[w]--;
        }
        _postedWords -= _titleWords[title].Length;
        Holders--;
    }

    public int FirstHolder(int title) => _firstHolder[title];

    public int NextHolder(int slot) => _nextHolder[slot];

    /// <summary>Whether some title holds the word (after folding), so it may be counted as a title word.</summary>
    public bool IsTitleWord(string word) => _words.Find(word) is var w && w >= 0 && _wordHolders[w] > 0;

    /// <summary>
    /// Titles that contain at least one of the <paramref name="rare"/> words, scored by BM25 over all the query's
    /// words (each member a document, every title word once), best first.
    /// </summary>
    public List<(int Title, double Score)> Lexical(IReadOnlyList<string> words, IReadOnlyCollection<string> rare)
    {
        var found = new List<int>();
        var rareIds = new List<int>();
        foreach (var word in words)
        {
            var w = _words.Find(word);
            if (w < 0 || _wordHolders[w] == 0 || found.Contains(w))
            {
                continue;
            }
            found.Add(w);
            if (rare.Contains(word))
            {
                rareIds.Add(w);
            }
        }
        var results = new List<(int Title, double Score)>();
        if (rareIds.Count == 0 || Holders == 0)
        {
            return results;
        }
        const double k1 = 1.2, b = 0.75;
        var averageLength = (double)_postedWords / Holders;
        var seen = new HashSet<int>();
        foreach (var w in rareIds)
        {
            foreach (var title in _wordTitles[w])
            {
                if (_firstHolder[title] < 0 || !seen.Add(title))
                {
                    continue;
                }
                var titleWords = _titleWords[title];
                var norm = (k1 + 1) / (1 + (k1 * (1 - b + (b * titleWords.Length / averageLength))));
                var score = 0.0;
                foreach (var q in found)
                {
                    if (Array.IndexOf(titleWords, q) >= 0)
                    {
                        var n = _wordHolders[q];
                        score += Math.Log(1 + ((Holders - n + 0.5) / (n + 0.5))) * norm;
                    }
                }
                results.Add((title, score));
            }
        }
        results.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Title.CompareTo(y.Title));
        return results;
    }

    private TitleRole[] Roles(RoleRead read)
    {
        var roles = new TitleRole[read.Readings.Count];
        for (var i = 0; i < roles.Length; i++)
        {
            var r = read.Readings[i];
            var specialty = r.Specialty is null ? 0 : _specialties.Intern(r.Specialty);
            roles[i] = new TitleRole(r.Function.Index, r.Level?.Rank ?? 0, specialty <= byte.MaxValue ? (byte)specialty : (byte)0);
        }
        return roles;
    }

    private static StringPool CreateSpecialties()
    {
        var pool = new StringPool(StringComparer.Ordinal);
        pool.Intern("");
        return pool;
    }
}

/// <summary>One role a title is read as: indexes of its function and level, and its specialty (0 for none).</summary>
internal readonly record struct TitleRole(int Function, int Level, byte Specialty);
