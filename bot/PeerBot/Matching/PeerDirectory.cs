using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// The in-memory directory every /findpeer reads. Loaded from Table Storage at start-up and kept
/// current as profiles change; a query never touches storage.
/// </summary>
/// <remarks>
/// Profiles are kept column-wise with their strings pooled, and each discoverable profile is posted
/// under every (function, level, headcount band) its title reads as. A search visits only the posting
/// lists that could hold a good match, best first, and stops as soon as no remaining list can beat the
/// results it already has. See docs/matching.md.
/// </remarks>
public sealed class PeerDirectory : IDisposable, INetworkSize, IKnownPeers
{
    private const int BandCount = 9;
    private const int UnknownBand = 8;
    private const int None = int.MinValue;
    private const byte LiveFlag = 1, DiscoverableFlag = 2, DemoFlag = 4, PostedFlag = 8;

    private static readonly string[] SuggestedFunctions = ["marketing", "sales", "engineering", "finance"];

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RoleReader _reader;
    private readonly IPeerExclusions[] _exclusions;
    private readonly int _levelCount;
    private readonly PostingList[] _postings;

    private readonly StringPool _titles = new(StringComparer.Ordinal);
    private readonly List<TitleRole[]> _titleRoles = [];
    private readonly StringPool _specialties = new(StringComparer.Ordinal);
    private readonly StringPool _organizations = new(StringComparer.Ordinal);
    private readonly List<int> _organizationNameOf = [];
    private readonly StringPool _organizationNames = new(StringComparer.Ordinal);
    private readonly StringPool _organizationKeys = new(StringComparer.Ordinal);
    private readonly StringPool _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly StringPool _industries = new(StringComparer.Ordinal);
    private readonly List<int> _industryKeyOf = [];
    private readonly StringPool _industryKeys = new(StringComparer.Ordinal);
    private readonly StringPool _timeZones = new(StringComparer.Ordinal);
    private readonly StringPool _channels = new(StringComparer.Ordinal);
    private readonly StringPool _topics = new(StringComparer.Ordinal);
    private readonly StringPool _topicSetKeys = new(StringComparer.Ordinal);
    private readonly List<string[]> _topicSets = [];
    private readonly List<int[]> _topicSetIds = [];

    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private int _slotCount;
    private string[] _ids = [];
    private string[] _names = [];
    private string?[] _emails = [];
    private int[] _title = [];
    private int[] _organization = [];
    private int[] _organizationKey = [];
    private int[] _domain = [];
    private int[] _headcount = [];
    private int[] _industry = [];
    private int[] _timeZone = [];
    private int[] _topicSet = [];
    private byte[] _channel = [];
    private byte[] _flags = [];
    private DateTimeOffset[] _updatedAt = [];

    public PeerDirectory() : this(new RoleReader(Taxonomy.Default), [])
    {
    }

    public PeerDirectory(RoleReader reader, IEnumerable<IPeerExclusions> exclusions)
    {
        _reader = reader;
        _exclusions = exclusions.Where(e => e is not NoExclusions).ToArray();
        _levelCount = reader.Taxonomy.Levels.Count;
        _postings = new PostingList[reader.Taxonomy.Functions.Count * _levelCount * BandCount];
        for (var i = 0; i < _postings.Length; i++)
        {
            _postings[i] = new PostingList();
        }
        _specialties.Intern("");
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
                return _slotById.Count;
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
            return _slotById.TryGetValue(id, out var slot) ? PeerAt(slot) : null;
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
            return [.. _slotById.Keys];
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
            if (_slotById.TryGetValue(peer.Id, out var slot))
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
                _slotById.Add(peer.Id, slot);
            }
            Store(slot, peer);
            if (peer.Discoverable)
            {
                Post(slot);
            }
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
            if (_slotById.Remove(id, out var slot))
            {
                Unpost(slot);
                _flags[slot] = 0;
                _ids[slot] = "";
                _names[slot] = "";
                _emails[slot] = null;
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
        var query = PeerQuery.Read(request.Query, _reader);
        if (!query.Role.Understood)
        {
            return NotUnderstood(query);
        }
        var top = Math.Clamp(request.Top, 1, 100);
        var best = new BestMatches(top);
        List<PeerMatch> matches;
        IReadOnlyList<RoleReading> readings;
        _lock.EnterReadLock();
        try
        {
            var asker = AskerFor(request);
            readings = WithLevels(query.Role.Readings, asker);
            var specialties = readings.Select(r => r.Specialty is null ? 0 : Math.Max(0, _specialties.Find(r.Specialty))).ToArray();
            var industryAllowed = query.Industry is null ? null : IndustriesMatching(query.Industry);
            foreach (var step in Plan(readings, specialties, query, asker))
            {
                if (best.IsFull && step.Bound < best.WorstScore)
                {
                    break;
                }
                Scan(step, specialties[step.Reading], asker, industryAllowed, request, best);
            }
            matches = new List<PeerMatch>(best.Count);
            for (var i = 0; i < best.Count; i++)
            {
                matches.Add(ToMatch(best[i], readings, asker));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        var interpretation = string.Join(" or ", readings.Select(r => r.ToString()));
        if (query.Bands is { Count: > 0 } bands)
        {
            interpretation += " · size " + string.Join(", ", bands.Select(b => b.Label));
        }
        if (query.Industry is not null)
        {
            interpretation += " · industry " + query.Industry;
        }
        var notes = new List<string>(query.Notes);
        if (query.Role.IsAmbiguous)
        {
            var readAs = query.Role.Readings.Where(r => r.ReadAs is not null).Select(r => r.ReadAs!).ToList();
            notes.Insert(0, $"That abbreviation can mean {string.Join(" or ", readAs)}, so I looked for both.");
        }
        return new SearchOutcome(true, interpretation, matches, matches.Count == 0 ? _reader.Taxonomy.Examples : [], notes.Count == 0 ? null : string.Join(" ", notes));
    }

    public void Dispose() => _lock.Dispose();

    private SearchOutcome NotUnderstood(PeerQuery query)
    {
        if (query.Role.LevelWithoutFunction is { } level)
        {
            string[] suggestions = level.Id == "c-level"
                ? ["CMO", "CFO", "CTO", "Chief people officer"]
                : [.. SuggestedFunctions.Select(f => $"{level.Name} {f}")];
            return new SearchOutcome(false, level.Name, [], suggestions,
                $"I couldn't tell which function you mean. Try “{suggestions[0]}” or “{suggestions[1]}”.");
        }
        var examples = _reader.Taxonomy.Examples;
        return new SearchOutcome(false, "", [], examples,
            $"I couldn't tell which role you mean. Try a title such as “{examples[0]}”, “{examples[1]}” or “{examples[2]}”.");
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

    private List<Step> Plan(IReadOnlyList<RoleReading> readings, int[] specialties, PeerQuery query, Asker asker)
    {
        var taxonomy = _reader.Taxonomy;
        var bands = query.Bands is null ? null : query.Bands.Select(b => b.Index).ToHashSet();
        var steps = new List<Step>();
        var secondary = (asker.TopicIds.Length > 0 ? Ranking.MaxTopics : 0) + (asker.IndustryKey != None ? Ranking.SameIndustry : 0);
        for (var r = 0; r < readings.Count; r++)
        {
            var reading = readings[r];
            var specialtyBonus = specialties[r] > 0 ? Ranking.SameSpecialty : 0;
            void Add(int function, int rank, int points, RoleRelation relation)
            {
                if (rank < 0 || rank >= _levelCount)
                {
                    return;
                }
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
                    var bound = points + Ranking.Size(asker.Band, band == UnknownBand ? -1 : band) + specialtyBonus + secondary;
                    steps.Add(new Step(bucket, points, bound, relation, r));
                }
            }

            var f = reading.Function.Index;
            if (reading.Level is not { } level)
            {
                for (var rank = 0; rank < _levelCount; rank++)
                {
                    Add(f, rank, Ranking.AnyLevel(rank), RoleRelation.SameFunction);
                }
                continue;
            }
            var l = level.Rank;
            Add(f, l, Ranking.SameRole, RoleRelation.SameRole);
            Add(f, l + 1, Ranking.OneLevelApart, RoleRelation.OneLevelUp);
            Add(f, l - 1, Ranking.OneLevelApart, RoleRelation.OneLevelDown);
            Add(f, l + 2, Ranking.TwoLevelsApart, RoleRelation.TwoLevelsApart);
            Add(f, l - 2, Ranking.TwoLevelsApart, RoleRelation.TwoLevelsApart);
            foreach (var other in taxonomy.Functions)
            {
                if (taxonomy.AreRelated(reading.Function, other))
                {
                    Add(other.Index, l, Ranking.RelatedFunction, RoleRelation.RelatedFunction);
                    Add(other.Index, l + 1, Ranking.RelatedFunctionNearLevel, RoleRelation.RelatedFunctionNearLevel);
                    Add(other.Index, l - 1, Ranking.RelatedFunctionNearLevel, RoleRelation.RelatedFunctionNearLevel);
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
        distinct.Sort((a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Points != b.Points ? b.Points.CompareTo(a.Points) : a.Bucket.CompareTo(b.Bucket));
        return distinct;
    }

    private void Scan(Step step, int specialty, Asker asker, bool[]? industryAllowed, SearchRequest request, BestMatches best)
    {
        var band = step.Bucket % BandCount;
        var basePoints = step.Points + Ranking.Size(asker.Band, band == UnknownBand ? -1 : band);
        var askerTopics = asker.TopicIds;
        foreach (ref readonly var p in _postings[step.Bucket].Items)
        {
            if (p.OrganizationKey == asker.OrganizationKey || p.EmailDomain == asker.Domain || p.OrganizationName == asker.OrganizationName || p.Slot == asker.Slot)
            {
                continue;
            }
            if (industryAllowed is not null && !industryAllowed[p.Industry])
            {
                continue;
            }
            var score = basePoints;
            if (specialty > 0 && p.Specialty == specialty)
            {
                score += Ranking.SameSpecialty;
            }
            if (askerTopics.Length > 0)
            {
                score += TopicPoints(p.TopicSet, askerTopics);
            }
            if (p.Industry == asker.IndustryKey)
            {
                score += Ranking.SameIndustry;
            }
            if (!best.WouldTake(score, p.Tie, p.Slot, _ids) || IsExcluded(request, _ids[p.Slot]))
            {
                continue;
            }
            best.Take(new Candidate(score, p.Tie, p.Slot, step, p.Specialty), _ids);
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

    private bool IsExcluded(SearchRequest request, string peerId)
    {
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
        var sameSpecialty = reading.Specialty is not null && c.Specialty > 0 && _specialties[c.Specialty] == reading.Specialty ? reading.Specialty : null;
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

    private Asker AskerFor(SearchRequest request)
    {
        var slot = request.AskerId is not null && _slotById.TryGetValue(request.AskerId, out var s) ? s : -1;
        var profile = request.Asker ?? (slot >= 0 ? PeerAt(slot) : null);
        var organizationKey = request.AskerOrganizationKey ?? profile?.OrganizationKey;
        var domain = request.AskerEmailDomain ?? profile?.EmailDomain;
        var organizationName = profile is null ? null : OrganizationKeys.NormaliseName(profile.Organization);
        var topicIds = profile?.Topics.Select(t => _topics.Find(t.Trim().ToLowerInvariant())).Where(id => id >= 0).Distinct().ToArray() ?? [];
        var industryKey = profile is null || string.IsNullOrWhiteSpace(profile.Industry) ? None : Found(_industryKeys.Find(IndustryKey(profile.Industry)));
        SeniorityLevel? level = null;
        if (profile is not null)
        {
            level = _reader.ReadTitle(profile.Title).Readings.Select(r => r.Level).Where(l => l is not null).MaxBy(l => l!.Rank);
        }
        return new Asker(
            slot,
            string.IsNullOrEmpty(organizationKey) ? None : Found(_organizationKeys.Find(organizationKey)),
            string.IsNullOrEmpty(domain) ? None : Found(_domains.Find(domain)),
            string.IsNullOrEmpty(organizationName) ? None : Found(_organizationNames.Find(organizationName)),
            profile is { Headcount: > 0 } ? profile.Band.Index : -1,
            topicIds,
            industryKey,
            level);
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

    private int NewSlot()
    {
        if (_slotCount == _ids.Length)
        {
            var size = Math.Max(1024, _ids.Length * 2);
            Array.Resize(ref _ids, size);
            Array.Resize(ref _names, size);
            Array.Resize(ref _emails, size);
            Array.Resize(ref _title, size);
            Array.Resize(ref _organization, size);
            Array.Resize(ref _organizationKey, size);
            Array.Resize(ref _domain, size);
            Array.Resize(ref _headcount, size);
            Array.Resize(ref _industry, size);
            Array.Resize(ref _timeZone, size);
            Array.Resize(ref _topicSet, size);
            Array.Resize(ref _channel, size);
            Array.Resize(ref _flags, size);
            Array.Resize(ref _updatedAt, size);
        }
        return _slotCount++;
    }

    private void Store(int slot, Peer peer)
    {
        _ids[slot] = peer.Id;
        _names[slot] = peer.Name;
        _emails[slot] = peer.Email;
        _title[slot] = TitleId(peer.Title);
        _organization[slot] = OrganizationId(peer.Organization);
        _organizationKey[slot] = _organizationKeys.Intern(peer.OrganizationKey);
        _domain[slot] = peer.EmailDomain is { } domain ? _domains.Intern(domain) : 0;
        _headcount[slot] = peer.Headcount;
        _industry[slot] = IndustryId(peer.Industry);
        _timeZone[slot] = _timeZones.Intern(peer.TimeZone);
        _topicSet[slot] = TopicSetId(peer.Topics);
        var channel = _channels.Intern(peer.Channel);
        _channel[slot] = channel <= byte.MaxValue ? (byte)channel : throw new InvalidOperationException("Too many distinct channels.");
        _flags[slot] = (byte)(LiveFlag | (peer.Discoverable ? DiscoverableFlag : 0) | (peer.IsDemo ? DemoFlag : 0));
        _updatedAt[slot] = peer.UpdatedAt;
    }

    private bool Holds(int slot, Peer peer) =>
        _names[slot] == peer.Name
        && _emails[slot] == peer.Email
        && _titles[_title[slot]] == peer.Title
        && _organizations[_organization[slot]] == peer.Organization
        && _organizationKeys[_organizationKey[slot]] == peer.OrganizationKey
        && _headcount[slot] == peer.Headcount
        && _industries[_industry[slot]] == peer.Industry
        && _timeZones[_timeZone[slot]] == peer.TimeZone
        && _topicSets[_topicSet[slot]].SequenceEqual(peer.Topics)
        && _channels[_channel[slot]] == peer.Channel
        && _flags[slot] == (byte)(LiveFlag | (peer.Discoverable ? DiscoverableFlag : 0) | (peer.IsDemo ? DemoFlag : 0) | (_flags[slot] & PostedFlag))
        && _updatedAt[slot] == peer.UpdatedAt;

    private Peer PeerAt(int slot) => new()
    {
        Id = _ids[slot],
        Name = _names[slot],
        Title = _titles[_title[slot]],
        Organization = _organizations[_organization[slot]],
        OrganizationKey = _organizationKeys[_organizationKey[slot]],
        Headcount = _headcount[slot],
        Industry = _industries[_industry[slot]],
        TimeZone = _timeZones[_timeZone[slot]],
        Topics = _topicSets[_topicSet[slot]],
        Discoverable = (_flags[slot] & DiscoverableFlag) != 0,
        Email = _emails[slot],
        Channel = _channels[_channel[slot]],
        IsDemo = (_flags[slot] & DemoFlag) != 0,
        UpdatedAt = _updatedAt[slot],
    };

    private void Post(int slot)
    {
        var band = _headcount[slot] > 0 ? HeadcountBand.Of(_headcount[slot]).Index : UnknownBand;
        var posting = new Posting
        {
            Slot = slot,
            OrganizationKey = _organizationKey[slot],
            EmailDomain = _domain[slot] == 0 ? -1 : _domain[slot],
            OrganizationName = _organizationNameOf[_organization[slot]],
            TopicSet = _topicSet[slot],
            Tie = Tie(_ids[slot]),
            Industry = _industryKeyOf[_industry[slot]],
        };
        foreach (var role in _titleRoles[_title[slot]])
        {
            posting.Specialty = role.Specialty;
            _postings[Bucket(role.Function, role.Level, band)].Add(posting);
        }
        _flags[slot] |= PostedFlag;
    }

    private void Unpost(int slot)
    {
        if ((_flags[slot] & PostedFlag) == 0)
        {
            return;
        }
        var band = _headcount[slot] > 0 ? HeadcountBand.Of(_headcount[slot]).Index : UnknownBand;
        foreach (var role in _titleRoles[_title[slot]])
        {
            _postings[Bucket(role.Function, role.Level, band)].Remove(slot);
        }
        _flags[slot] &= unchecked((byte)~PostedFlag);
    }

    private int TitleId(string title)
    {
        var id = _titles.Intern(title);
        if (id == _titleRoles.Count)
        {
            var roles = new List<TitleRole>();
            foreach (var r in _reader.ReadTitle(title).Readings)
            {
                var specialty = r.Specialty is null ? 0 : _specialties.Intern(r.Specialty);
                roles.Add(new TitleRole(r.Function.Index, r.Level?.Rank ?? 0, specialty <= byte.MaxValue ? (byte)specialty : (byte)0));
            }
            _titleRoles.Add([.. roles]);
        }
        return id;
    }

    private int OrganizationId(string organization)
    {
        var id = _organizations.Intern(organization);
        if (id == _organizationNameOf.Count)
        {
            var name = OrganizationKeys.NormaliseName(organization);
            _organizationNameOf.Add(name.Length == 0 ? -1 : _organizationNames.Intern(name));
        }
        return id;
    }

    private int IndustryId(string industry)
    {
        var id = _industries.Intern(industry);
        if (id == _industryKeyOf.Count)
        {
            var key = IndustryKey(industry);
            _industryKeyOf.Add(key.Length == 0 ? -1 : _industryKeys.Intern(key));
        }
        return id;
    }

    private int TopicSetId(IReadOnlyList<string> topics)
    {
        var key = string.Join('\u001f', topics);
        var id = _topicSetKeys.Intern(key);
        if (id == _topicSets.Count)
        {
            _topicSets.Add([.. topics]);
            _topicSetIds.Add([.. topics.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Select(_topics.Intern)]);
        }
        return id;
    }

    /// <summary>FNV-1a of the member id: stable across processes, unlike string.GetHashCode.</summary>
    private static uint Tie(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }

    private readonly record struct TitleRole(int Function, int Level, byte Specialty);

    private readonly record struct Step(int Bucket, int Points, int Bound, RoleRelation Relation, int Reading);

    private readonly record struct Candidate(int Score, uint Tie, int Slot, Step Step, byte Specialty);

    private sealed record Asker(int Slot, int OrganizationKey, int Domain, int OrganizationName, int Band, int[] TopicIds, int IndustryKey, SeniorityLevel? Level);

    /// <summary>The best few candidates so far, best first: higher score, then lower tie hash, then lower id.</summary>
    private sealed class BestMatches(int capacity)
    {
        private readonly Candidate[] _items = new Candidate[capacity];

        public int Count { get; private set; }

        public bool IsFull => Count == _items.Length;

        public int WorstScore => _items[Count - 1].Score;

        public Candidate this[int index] => _items[index];

        public bool WouldTake(int score, uint tie, int slot, string[] ids) =>
            !IsFull || Before(score, tie, slot, _items[Count - 1], ids);

        public void Take(Candidate candidate, string[] ids)
        {
            for (var i = 0; i < Count; i++)
            {
                if (_items[i].Slot == candidate.Slot)
                {
                    // Reached again through another list: keep the better of the two.
                    if (!Before(candidate.Score, candidate.Tie, candidate.Slot, _items[i], ids))
                    {
                        return;
                    }
                    Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                    Count--;
                    break;
                }
            }
            var at = Count < _items.Length ? Count : _items.Length - 1;
            while (at > 0 && Before(candidate.Score, candidate.Tie, candidate.Slot, _items[at - 1], ids))
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

        private static bool Before(int score, uint tie, int slot, in Candidate other, string[] ids) =>
            score != other.Score ? score > other.Score
            : tie != other.Tie ? tie < other.Tie
            : string.CompareOrdinal(ids[slot], ids[other.Slot]) < 0;
    }
}
