using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// The in-memory directory every /findpeer reads. Loaded from Table Storage at start-up and kept
/// current as profiles change; a query never touches storage.
/// </summary>
/// <remarks>
/// Profiles are kept column-wise with their strings pooled, and each discoverable profile is posted
/// under every (function, level, headcount band) its title reads as at its kind of organization. A search
/// visits only the posting lists that could hold a good match, best first, and stops as soon as no remaining
/// list can beat the results it already has. A query the role model cannot read falls back to the words of
/// the titles. See docs/matching.md.
/// </remarks>
public sealed partial class PeerDirectory : IDisposable, INetworkSize, IKnownPeers
{
    private const int BandCount = 9;
    private const int UnknownBand = 8;
    private const int None = int.MinValue;

    private static readonly string[] SuggestedFunctions = ["marketing", "sales", "engineering", "finance"];

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RoleReader _reader;
    private readonly IPeerExclusions[] _exclusions;
    private readonly IPeerStanding? _standing;
    private readonly int _levelCount;
    private readonly PostingList[] _postings;

    public PeerDirectory() : this(new RoleReader(Taxonomy.Default), [])
    {
    }

    public PeerDirectory(RoleReader reader, IEnumerable<IPeerExclusions> exclusions, IPeerStanding? standing = null)
    {
        _reader = reader;
        _exclusions = exclusions.Where(e => e is not NoExclusions).ToArray();
        _standing = standing;
        _levelCount = reader.Taxonomy.Levels.Count;
        _postings = new PostingList[reader.Taxonomy.Functions.Count * _levelCount * BandCount];
        for (var i = 0; i < _postings.Length; i++)
        {
            _postings[i] = new PostingList();
        }
        _titles = new TitleIndex(reader);
        _ids = new IdIndex(new SlotIds(this));
        _domains.Intern("");
    }

    public RoleReader Reader => _reader;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public Peer? Find(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return SlotOf(id) is var slot && slot >= 0 ? PeerAt(slot) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Every member id in the directory (a copy).</summary>
    public IReadOnlyList<string> Ids()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _ids.Slots().Select(slot => _text.Text(_id[slot])!)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _lock.EnterWriteLock();
        try
        {
            var slot = SlotOf(peer.Id);
            if (slot >= 0)
            {
                if (Holds(slot, peer))
                {
                    return;
                }
                Unpost(slot);
            }
            else
            {
                slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
                _id[slot] = _text.Add(peer.Id);
                _tie[slot] = Tie(peer.Id);
                _ids.Add(slot, _tie[slot]);
            }
            Store(slot, peer);
            if (peer.Discoverable)
            {
                Post(slot);
            }
            CompactTextIfWasteful();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(string id)
    {
        _lock.EnterWriteLock();
        try
        {
            var slot = SlotOf(id);
            if (slot >= 0)
            {
                Unpost(slot);
                _ids.Remove(slot, _tie[slot]);
                _flags[slot] = 0;
                _text.Release(_id[slot]);
                _text.Release(_name[slot]);
                _text.Release(_email[slot]);
                _id[slot] = _name[slot] = _email[slot] = TextArena.None;
                _freeSlots.Push(slot);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public SearchOutcome Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var top = Math.Clamp(request.Top, 1, 100);
        _lock.EnterReadLock();
        try
        {
            var asker = AskerFor(request);
            var query = PeerQuery.Read(request.Query, _reader, new QueryContext(asker.Sector, asker.OwnFunctions));
            var role = query.Role;
            // A query that named no function of its own ("head sommelier") is a title the role model does not know,
            // even when the asker's area would give its level one.
            var namedRole = role.Understood && role.AreaFrom is null or AreaSource.Query;
            if (namedRole)
            {
                return RoleSearch(query, asker, request, top);
            }
            if (role.UnknownWords.Count > 0 && LexicalSearch(query, asker, request, top) is { } byWords)
            {
                return byWords;
            }
            if (role.Understood)
            {
                return RoleSearch(query, asker, request, top);
            }
            if (role.LevelWithoutFunction is { Rank: 1 } frontLine)
            {
                return FrontLineSearch(query, frontLine, asker, request, top);
            }
            return NotUnderstood(query, asker);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private SearchOutcome RoleSearch(PeerQuery query, Asker asker, SearchRequest request, int top)
    {
        var readings = WithLevels(query.Role.Readings, asker);
        var plan = Plan(readings, query, asker);
        var matches = Run(plan, readings, query, asker, request, top);
        var notes = new List<string>(query.Notes);
        var suggestions = new List<string>();
        var role = query.Role;
        if (role.IsAmbiguous)
        {
            var readAs = role.Readings.Where(r => r.ReadAs is not null).Select(r => r.ReadAs!).ToList();
            notes.Insert(0, $"That abbreviation can mean {string.Join(" or ", readAs)}, so I looked for both.");
        }
        foreach (var sense in role.Senses)
        {
            if (Replies.Sense(sense, asker.Sector, query.Industry) is { } note)
            {
                notes.Add(note);
                suggestions.AddRange(sense.Others);
            }
        }
        if (role.AreaFrom is { } area && area != AreaSource.Query)
        {
            notes.Add(Replies.Area(area, readings, asker.Sector));
            suggestions.AddRange(Replies.AreaChoices(query.RoleText, readings.Select(r => r.Function)));
        }
        if (matches.Count == 0)
        {
            suggestions.AddRange(Nearby(readings, asker));
        }
        return new SearchOutcome(true, Interpretation(readings, query), matches, suggestions.Distinct(StringComparer.OrdinalIgnoreCase).Take(6).ToList(),
            notes.Count == 0 ? null : string.Join(" ", notes));
    }

    /// <summary>"Shift supervisor" with nothing to say which area: front-line supervisors of every area, and a question.</summary>
    private SearchOutcome FrontLineSearch(PeerQuery query, SeniorityLevel level, Asker asker, SearchRequest request, int top)
    {
        var plan = new List<Step>();
        var bands = query.Bands?.Select(b => b.Index).ToHashSet();
        foreach (var function in _reader.Taxonomy.Functions)
        {
            AddSteps(plan, function.Index, level.Rank, Ranking.SameRole, RoleRelation.AnyArea, 0, bands, asker, 0);
        }
        Order(plan);
        var readings = new[] { new RoleReading(_reader.Taxonomy.Function("general-management"), level, null, 1) };
        var matches = Run(plan, readings, query, asker, request, top);
        var notes = new List<string>(query.Notes) { Replies.WhichArea };
        return new SearchOutcome(true, $"{level.Name} · any area", matches, Replies.AreaChoices(query.RoleText, []), string.Join(" ", notes));
    }

    private SearchOutcome NotUnderstood(PeerQuery query, Asker asker)
    {
        var role = query.Role;
        if (role.LevelWithoutFunction is { } level && level.Rank > 0)
        {
            string[] suggestions = level.Id == "c-level"
                ? ["CMO", "CFO", "CTO", "Chief people officer"]
                : [.. SuggestedFunctions.Select(f => $"{level.Name} {f}")];
            return new SearchOutcome(false, level.Name, [], suggestions,
                $"I couldn't tell which function you mean. Try “{suggestions[0]}” or “{suggestions[1]}”.");
        }
        // A sector named alone ("nonprofit"), or an asker whose sector is known, gets that sector's roles.
        var examples = (role.SectorNamed ?? asker.Sector) is { Examples.Count: > 0 } sector ? sector.Examples : _reader.Taxonomy.Examples;
        return new SearchOutcome(false, "", [], examples,
            $"I couldn't tell which role you mean. Try a title such as “{examples[0]}”, “{examples[1 % examples.Count]}” or “{examples[2 % examples.Count]}”.");
    }

    /// <summary>Roles near the ones asked for, for a search that found nobody: one level either side, then related functions.</summary>
    private List<string> Nearby(IReadOnlyList<RoleReading> readings, Asker asker)
    {
        var result = new List<string>();
        var taxonomy = _reader.Taxonomy;
        foreach (var r in readings)
        {
            if (r.Level is not { } level)
            {
                continue;
            }
            foreach (var rank in new[] { level.Rank + 1, level.Rank - 1 })
            {
                if (rank >= 1 && rank < _levelCount)
                {
                    result.Add($"{taxonomy.Levels[rank].Name} {r.Function.Name.ToLowerInvariant()}");
                }
            }
        }
        if (asker.Sector is { Examples.Count: > 0 } sector)
        {
            result.AddRange(sector.Examples);
        }
        result.AddRange(taxonomy.Examples.Take(3));
        return result;
    }

    private static string Interpretation(IReadOnlyList<RoleReading> readings, PeerQuery query)
    {
        var interpretation = string.Join(" or ", readings.Select(r => r.ToString()));
        if (query.Bands is { Count: > 0 } bands)
        {
            interpretation += " · size " + string.Join(", ", bands.Select(b => b.Label));
        }
        if (query.Industry is not null)
        {
            interpretation += " · industry " + query.Industry;
        }
        return interpretation;
    }

    // A query that names only a function ("marketing") means the asker's own level, when we know it.
    private static List<RoleReading> WithLevels(IReadOnlyList<RoleReading> readings, Asker asker)
    {
        var result = new List<RoleReading>(readings.Count);
        foreach (var r in readings)
        {
            result.Add(r.Level is null && asker.Level is { } level ? r with { Level = level, Confidence = r.Confidence * 0.8 } : r);
        }
        return result;
    }

    private List<Step> Plan(List<RoleReading> readings, PeerQuery query, Asker asker)
    {
        var taxonomy = _reader.Taxonomy;
        var bands = query.Bands?.Select(b => b.Index).ToHashSet();
        var steps = new List<Step>();
        for (var r = 0; r < readings.Count; r++)
        {
            var reading = readings[r];
            var specialty = _titles.SpecialtyId(reading.Specialty);
            var f = reading.Function.Index;
            if (reading.Level is not { } level)
            {
                for (var rank = 0; rank < _levelCount; rank++)
                {
                    AddSteps(steps, f, rank, Ranking.AnyLevel(rank), RoleRelation.SameFunction, r, bands, asker, specialty);
                }
                continue;
            }
            var l = level.Rank;
            AddSteps(steps, f, l, Ranking.SameRole, RoleRelation.SameRole, r, bands, asker, specialty);
            AddSteps(steps, f, l + 1, Ranking.OneLevelApart, RoleRelation.OneLevelUp, r, bands, asker, specialty);
            AddSteps(steps, f, l - 1, Ranking.OneLevelApart, RoleRelation.OneLevelDown, r, bands, asker, specialty);
            AddSteps(steps, f, l + 2, Ranking.TwoLevelsApart, RoleRelation.TwoLevelsApart, r, bands, asker, specialty);
            AddSteps(steps, f, l - 2, Ranking.TwoLevelsApart, RoleRelation.TwoLevelsApart, r, bands, asker, specialty);
            foreach (var other in taxonomy.Functions)
            {
                if (taxonomy.AreRelated(reading.Function, other))
                {
                    AddSteps(steps, other.Index, l, Ranking.RelatedFunction, RoleRelation.RelatedFunction, r, bands, asker, specialty);
                    AddSteps(steps, other.Index, l + 1, Ranking.RelatedFunctionNearLevel, RoleRelation.RelatedFunctionNearLevel, r, bands, asker, specialty);
                    AddSteps(steps, other.Index, l - 1, Ranking.RelatedFunctionNearLevel, RoleRelation.RelatedFunctionNearLevel, r, bands, asker, specialty);
                }
            }
        }
        // Several readings can reach one list; it is walked once, at its best.
        steps.Sort((a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : b.Points.CompareTo(a.Points));
        var distinct = new List<Step>(steps.Count);
        foreach (var s in steps)
        {
            if (distinct.Count == 0 || distinct[^1].Bucket != s.Bucket)
            {
                distinct.Add(s);
            }
        }
        Order(distinct);
        return distinct;
    }

    private void AddSteps(List<Step> steps, int function, int rank, int points, RoleRelation relation, int reading, HashSet<int>? bands, Asker asker, int specialty)
    {
        if (rank < 0 || rank >= _levelCount)
        {
            return;
        }
        var secondary = (asker.TopicIds.Length > 0 ? Ranking.MaxTopics : 0) + (asker.IndustryKey != None ? Ranking.SameIndustry : 0) + (specialty > 0 ? Ranking.SameSpecialty : 0)
            + (_standing is null ? 0 : Ranking.MaxStanding);
        for (var band = 0; band < BandCount; band++)
        {
            if (bands is not null && !bands.Contains(band))
            {
                continue;
            }
            var bucket = Bucket(function, rank, band);
            if (_postings[bucket].Count == 0)
            {
                continue;
            }
            var bound = points + Ranking.Size(asker.Band, band == UnknownBand ? -1 : band) + secondary;
            steps.Add(new Step(bucket, points, bound, relation, reading, specialty));
        }
    }

    private static void Order(List<Step> steps) =>
        steps.Sort((a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Points != b.Points ? b.Points.CompareTo(a.Points) : a.Bucket.CompareTo(b.Bucket));

    private List<PeerMatch> Run(List<Step> plan, IReadOnlyList<RoleReading> readings, PeerQuery query, Asker asker, SearchRequest request, int top)
    {
        var best = new BestMatches(top, this);
        var industryAllowed = query.Industry is null ? null : IndustriesMatching(query.Industry);
        foreach (var step in plan)
        {
            if (best.IsFull && step.Bound < best.WorstScore)
            {
                break;
            }
            Scan(step, asker, industryAllowed, request, best);
        }
        var matches = new List<PeerMatch>(best.Count);
        for (var i = 0; i < best.Count; i++)
        {
            matches.Add(ToMatch(best[i], readings, asker));
        }
        return matches;
    }

    private void Scan(Step step, Asker asker, bool[]? industryAllowed, SearchRequest request, BestMatches best)
    {
        var list = _postings[step.Bucket];
        Scan(list.Sorted, sorted: true, step, asker, industryAllowed, request, best);
        Scan(list.Unsorted, sorted: false, step, asker, industryAllowed, request, best);
    }

    private void Scan(ReadOnlySpan<Posting> postings, bool sorted, Step step, Asker asker, bool[]? industryAllowed, SearchRequest request, BestMatches best)
    {
        var band = step.Bucket % BandCount;
        var basePoints = step.Points + Ranking.Size(asker.Band, band == UnknownBand ? -1 : band);
        var askerTopics = asker.TopicIds;
        foreach (ref readonly var p in postings)
        {
            // With a full page whose worst already scores what this list can best, the rest of a list in tie order
            // cannot get in once the hashes pass the worst's.
            if (sorted && best.IsFull && step.Bound <= best.WorstScore && p.Tie > best.WorstTie)
            {
                break;
            }
            if (p.OrganizationKey == asker.OrganizationKey || p.EmailDomain == asker.Domain || p.OrganizationName == asker.OrganizationName || p.Slot == asker.Slot)
            {
                continue;
            }
            if (industryAllowed is not null && (p.Industry < 0 || !industryAllowed[p.Industry]))
            {
                continue;
            }
            var score = basePoints;
            if (step.Specialty > 0 && p.Specialty == step.Specialty)
            {
                score += Ranking.SameSpecialty;
            }
            if (p.Industry == asker.IndustryKey)
            {
                score += Ranking.SameIndustry;
            }
            // Shared topics and standing are the costliest parts; skip them for a profile that could not get in even with the most.
            if (best.IsFull && score + (askerTopics.Length > 0 ? Ranking.MaxTopics : 0) + (_standing is null ? 0 : Ranking.MaxStanding) < best.WorstScore)
            {
                continue;
            }
            if (askerTopics.Length > 0)
            {
                score += TopicPoints(p.TopicSet, askerTopics);
            }
            if (_standing is not null)
            {
                score += Math.Clamp(_standing.Points(_text.Text(_id[p.Slot])!), 0, Ranking.MaxStanding);
            }
            if (!best.WouldTake(score, p.Tie, p.Slot) || IsExcluded(request, p.Slot))
            {
                continue;
            }
            best.Take(new Candidate(score, p.Tie, p.Slot, step, p.Specialty));
        }
    }

    private int TopicPoints(int topicSet, int[] askerTopics)
    {
        var shared = 0;
        foreach (var id in _topicSetIds[topicSet])
        {
            if (Array.IndexOf(askerTopics, id) >= 0)
            {
                shared++;
            }
        }
        return Math.Min(Ranking.MaxTopics, shared * Ranking.PerSharedTopic);
    }

    private bool IsExcluded(SearchRequest request, int slot)
    {
        if (request.ExcludedPeerIds is null && request.Excludes is null && _exclusions.Length == 0)
        {
            return false;
        }
        var peerId = _text.Text(_id[slot])!;
        if (request.ExcludedPeerIds?.Contains(peerId) == true || request.Excludes?.Invoke(peerId) == true)
        {
            return true;
        }
        foreach (var exclusions in _exclusions)
        {
            if (exclusions.Excludes(request.AskerId, peerId))
            {
                return true;
            }
        }
        return false;
    }

    private PeerMatch ToMatch(Candidate c, IReadOnlyList<RoleReading> readings, Asker asker)
    {
        var peer = PeerAt(c.Slot);
        var reading = readings[c.Step.Reading];
        var functionIndex = c.Step.Bucket / BandCount / _levelCount;
        var rank = c.Step.Bucket / BandCount % _levelCount;
        var band = c.Step.Bucket % BandCount;
        var taxonomy = _reader.Taxonomy;
        var shared = SharedTopics(peer, asker);
        var sameSpecialty = reading.Specialty is not null && c.Specialty > 0 && _titles.Specialty(c.Specialty) == reading.Specialty ? reading.Specialty : null;
        HeadcountBand? similarSize = asker.Band >= 0 && band != UnknownBand && Math.Abs(asker.Band - band) <= 1 ? HeadcountBand.All[band] : null;
        var sameIndustry = asker.IndustryKey != None && _industryKeyOf[_industry[c.Slot]] == asker.IndustryKey ? peer.Industry : null;
        var relation = c.Step.Relation;
        if (relation == RoleRelation.TwoLevelsApart && reading.Level is { } l && rank == l.Rank)
        {
            relation = RoleRelation.SameRole;
        }
        var reason = Ranking.Reason(relation, reading, taxonomy.Functions[functionIndex], taxonomy.Levels[rank], sameSpecialty, similarSize, shared, sameIndustry);
        return new PeerMatch(peer, c.Score / 100.0, reason, shared);
    }

    private List<string> SharedTopics(Peer peer, Asker asker)
    {
        var shared = new List<string>();
        if (asker.TopicIds.Length > 0)
        {
            foreach (var topic in peer.Topics)
            {
                if (Array.IndexOf(asker.TopicIds, _topics.Find(topic.Trim().ToLowerInvariant())) >= 0)
                {
                    shared.Add(topic);
                }
            }
        }
        return shared;
    }

    private Asker AskerFor(SearchRequest request)
    {
        var slot = request.AskerId is not null ? SlotOf(request.AskerId) : -1;
        var profile = request.Asker ?? (slot >= 0 ? PeerAt(slot) : null);
        var organizationKey = request.AskerOrganizationKey ?? profile?.OrganizationKey;
        var domain = request.AskerEmailDomain ?? profile?.EmailDomain;
        var organizationName = profile is null ? null : OrganizationKeys.NormaliseName(profile.Organization);
        var topicIds = profile?.Topics.Select(t => _topics.Find(t.Trim().ToLowerInvariant())).Where(id => id >= 0).Distinct().ToArray() ?? [];
        var industryKey = profile is null || string.IsNullOrWhiteSpace(profile.Industry) ? None : Found(_industryKeys.Find(IndustryKey(profile.Industry)));
        SeniorityLevel? level = null;
        Sector? sector = null;
        var own = new List<JobFunction>();
        if (profile is not null)
        {
            var taxonomy = _reader.Taxonomy;
            sector = taxonomy.SectorOf(profile.Industry, profile.Organization);
            var read = _reader.ReadTitle(profile.Title, sector);
            level = read.Readings.Select(r => r.Level).Where(l => l is not null).MaxBy(l => l!.Rank);
            foreach (var r in read.Readings.OrderByDescending(r => r.Confidence))
            {
                if (!own.Contains(r.Function))
                {
                    own.Add(r.Function);
                }
            }
            // An organization that says nothing of its sector still has one through the asker's own family ("Charge Nurse").
            sector ??= own.Select(f => f.Sector is null ? null : taxonomy.Sectors.FirstOrDefault(s => s.Id == f.Sector)).FirstOrDefault(s => s is not null);
        }
        return new Asker(
            slot,
            string.IsNullOrEmpty(organizationKey) ? None : Found(_organizationKeys.Find(organizationKey)),
            string.IsNullOrEmpty(domain) ? None : Found(_domains.Find(domain)),
            string.IsNullOrEmpty(organizationName) ? None : Found(_organizationNames.Find(organizationName)),
            profile is { Headcount: > 0 } ? profile.Band.Index : -1,
            topicIds,
            industryKey,
            level,
            sector,
            own);
    }

    // An asker's organization that no profile has: nobody to exclude, but never "none" (which would match profiles without one).
    private static int Found(int id) => id >= 0 ? id : None + 1;

    private bool[] IndustriesMatching(string filter)
    {
        var key = IndustryKey(filter);
        var allowed = new bool[Math.Max(1, _industryKeys.Count)];
        for (var i = 0; i < _industryKeys.Count; i++)
        {
            allowed[i] = key.Length > 0 && _industryKeys[i].Contains(key, StringComparison.Ordinal);
        }
        return allowed;
    }

    private static string IndustryKey(string industry) => OrganizationKeys.NormaliseName(industry).Replace("-", "", StringComparison.Ordinal);

    private int Bucket(int function, int rank, int band) => (((function * _levelCount) + rank) * BandCount) + band;

    private readonly record struct Step(int Bucket, int Points, int Bound, RoleRelation Relation, int Reading, int Specialty);

    private readonly record struct Candidate(int Score, uint Tie, int Slot, Step Step, byte Specialty);

    private sealed record Asker(int Slot, int OrganizationKey, int Domain, int OrganizationName, int Band, int[] TopicIds, int IndustryKey,
        SeniorityLevel? Level, Sector? Sector, IReadOnlyList<JobFunction> OwnFunctions);

    /// <summary>The best few candidates so far, best first: higher score, then lower tie hash, then lower id.</summary>
    private sealed class BestMatches(int capacity, PeerDirectory directory)
    {
        private readonly Candidate[] _items = new Candidate[capacity];

        public int Count { get; private set; }

        public bool IsFull => Count == _items.Length;

        public int WorstScore => _items[Count - 1].Score;

        public uint WorstTie => _items[Count - 1].Tie;

        public Candidate this[int index] => _items[index];

        public bool WouldTake(int score, uint tie, int slot) =>
            !IsFull || Before(score, tie, slot, _items[Count - 1]);

        public void Take(Candidate candidate)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_items[i].Slot == candidate.Slot)
                {
                    // Reached again through another list: keep the better of the two.
                    if (!Before(candidate.Score, candidate.Tie, candidate.Slot, _items[i]))
                    {
                        return;
                    }
                    Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                    Count--;
                    break;
                }
            }
            var at = Count < _items.Length ? Count : _items.Length - 1;
            while (at > 0 && Before(candidate.Score, candidate.Tie, candidate.Slot, _items[at - 1]))
            {
                if (at < _items.Length)
                {
                    _items[at] = _items[at - 1];
                }
                at--;
            }
            _items[at] = candidate;
            if (Count < _items.Length)
            {
                Count++;
            }
        }

        private bool Before(int score, uint tie, int slot, in Candidate other) =>
            score != other.Score ? score > other.Score
            : tie != other.Tie ? tie < other.Tie
            : directory.CompareIds(slot, other.Slot) < 0;
    }
}
