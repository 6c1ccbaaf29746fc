using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>How the directory holds a million profiles in a few hundred bytes each: see docs/matching.md, "Memory per profile".</summary>
public sealed partial class PeerDirectory
{
    private const byte LiveFlag = 1, DiscoverableFlag = 2, DemoFlag = 4, PostedFlag = 8;

    private readonly TitleIndex _titles;
    private readonly IdIndex _ids;
    private readonly StringPool _organizations = new(StringComparer.Ordinal);
    private readonly List<int> _organizationNameOf = [];
    private readonly List<Sector?> _organizationSector = [];
    private readonly StringPool _organizationNames = new(StringComparer.Ordinal);
    private readonly StringPool _organizationKeys = new(StringComparer.Ordinal);
    private readonly StringPool _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly StringPool _industries = new(StringComparer.Ordinal);
    private readonly List<int> _industryKeyOf = [];
    private readonly List<Sector?> _industrySector = [];
    private readonly StringPool _industryKeys = new(StringComparer.Ordinal);
    private readonly StringPool _timeZones = new(StringComparer.Ordinal);
    private readonly StringPool _channels = new(StringComparer.Ordinal);
    private readonly StringPool _topics = new(StringComparer.Ordinal);
    private readonly StringPool _topicSetKeys = new(StringComparer.Ordinal);
    private readonly List<string[]> _topicSets = [];
    private readonly List<int[]> _topicSetIds = [];

    private readonly Stack<int> _freeSlots = new();
    private TextArena _text = new();
    private int _slotCount;
    private int[] _id = [];
    private int[] _name = [];
    private int[] _email = [];
    private uint[] _tie = [];
    private int[] _title = [];
    private int[] _organization = [];
    private int[] _organizationKey = [];
    private int[] _domain = [];
    private int[] _headcount = [];
    private int[] _industry = [];
    private short[] _timeZone = [];
    private int[] _topicSet = [];
    private byte[] _channel = [];
    private byte[] _flags = [];
    private long[] _updatedTicks = [];
    private short[] _updatedOffset = [];

    private int SlotOf(string id) => _ids.Find(id, Tie(id));

    private int CompareIds(int a, int b) => _text.Bytes(_id[a]).SequenceCompareTo(_text.Bytes(_id[b]));

    private int NewSlot()
    {
        if (_slotCount == _id.Length)
        {
            // Grow by half rather than double: a million members leave at most a third of the arrays unused.
            var size = Math.Max(1024, _id.Length + (_id.Length / 2));
            Array.Resize(ref _id, size);
            Array.Resize(ref _name, size);
            Array.Resize(ref _email, size);
            Array.Resize(ref _tie, size);
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
            Array.Resize(ref _updatedTicks, size);
            Array.Resize(ref _updatedOffset, size);
            _titles.EnsureSlots(size);
        }
        return _slotCount++;
    }

    private void Store(int slot, Peer peer)
    {
        if (!_text.Holds(_name[slot], peer.Name) || (_flags[slot] & LiveFlag) == 0)
        {
            if ((_flags[slot] & LiveFlag) != 0)
            {
                _text.Release(_name[slot]);
            }
            _name[slot] = _text.Add(peer.Name);
        }
        if ((_flags[slot] & LiveFlag) == 0 || !_text.Holds(_email[slot], peer.Email))
        {
            if ((_flags[slot] & LiveFlag) != 0)
            {
                _text.Release(_email[slot]);
            }
            _email[slot] = _text.Add(peer.Email);
        }
        _title[slot] = _titles.Intern(peer.Title);
        _organization[slot] = OrganizationId(peer.Organization);
        _organizationKey[slot] = _organizationKeys.Intern(peer.OrganizationKey);
        _domain[slot] = peer.EmailDomain is { } domain ? _domains.Intern(domain) : 0;
        _headcount[slot] = peer.Headcount;
        _industry[slot] = IndustryId(peer.Industry);
        var timeZone = _timeZones.Intern(peer.TimeZone);
        _timeZone[slot] = timeZone <= short.MaxValue ? (short)timeZone : throw new InvalidOperationException("Too many distinct time zones.");
        _topicSet[slot] = TopicSetId(peer.Topics);
        var channel = _channels.Intern(peer.Channel);
        _channel[slot] = channel <= byte.MaxValue ? (byte)channel : throw new InvalidOperationException("Too many distinct channels.");
        _flags[slot] = (byte)(LiveFlag | (peer.Discoverable ? DiscoverableFlag : 0) | (peer.IsDemo ? DemoFlag : 0));
        _updatedTicks[slot] = peer.UpdatedAt.Ticks;
        _updatedOffset[slot] = (short)peer.UpdatedAt.Offset.TotalMinutes;
    }

    private bool Holds(int slot, Peer peer) =>
        _text.Holds(_name[slot], peer.Name)
        && _text.Holds(_email[slot], peer.Email)
        && _titles[_title[slot]] == peer.Title
        && _organizations[_organization[slot]] == peer.Organization
        && _organizationKeys[_organizationKey[slot]] == peer.OrganizationKey
        && _headcount[slot] == peer.Headcount
        && _industries[_industry[slot]] == peer.Industry
        && _timeZones[_timeZone[slot]] == peer.TimeZone
        && _topicSets[_topicSet[slot]].SequenceEqual(peer.Topics)
        && _channels[_channel[slot]] == peer.Channel
        && _flags[slot] == (byte)(LiveFlag | (peer.Discoverable ? DiscoverableFlag : 0) | (peer.IsDemo ? DemoFlag : 0) | (_flags[slot] & PostedFlag))
        && _updatedTicks[slot] == peer.UpdatedAt.Ticks
        && _updatedOffset[slot] == (short)peer.UpdatedAt.Offset.TotalMinutes;

    private Peer PeerAt(int slot) => new()
    {
        Id = _text.Text(_id[slot])!,
        Name = _text.Text(_name[slot])!,
        Title = _titles[_title[slot]],
        Organization = _organizations[_organization[slot]],
        OrganizationKey = _organizationKeys[_organizationKey[slot]],
        Headcount = _headcount[slot],
        Industry = _industries[_industry[slot]],
        TimeZone = _timeZones[_timeZone[slot]],
        Topics = _topicSets[_topicSet[slot]],
        Discoverable = (_flags[slot] & DiscoverableFlag) != 0,
        Email = _text.Text(_email[slot]),
        Channel = _channels[_channel[slot]],
        IsDemo = (_flags[slot] & DemoFlag) != 0,
        UpdatedAt = new DateTimeOffset(_updatedTicks[slot], TimeSpan.FromMinutes(_updatedOffset[slot])),
    };

    /// <summary>The sector a member's organization is in: its name first, then its industry.</summary>
    private Sector? SectorOfSlot(int slot) => _organizationSector[_organization[slot]] ?? _industrySector[_industry[slot]];

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
            Tie = _tie[slot],
            Industry = _industryKeyOf[_industry[slot]],
        };
        foreach (var role in _titles.RolesOf(_title[slot], SectorOfSlot(slot)))
        {
            posting.Specialty = role.Specialty;
            _postings[Bucket(role.Function, role.Level, band)].Add(posting);
        }
        _titles.Link(slot, _title[slot]);
        _flags[slot] |= PostedFlag;
    }

    private void Unpost(int slot)
    {
        if ((_flags[slot] & PostedFlag) == 0)
        {
            return;
        }
        var band = _headcount[slot] > 0 ? HeadcountBand.Of(_headcount[slot]).Index : UnknownBand;
        foreach (var role in _titles.RolesOf(_title[slot], SectorOfSlot(slot)))
        {
            _postings[Bucket(role.Function, role.Level, band)].Remove(slot);
        }
        _titles.Unlink(slot, _title[slot]);
        _flags[slot] &= unchecked((byte)~PostedFlag);
    }

    private int OrganizationId(string organization)
    {
        var id = _organizations.Intern(organization);
        if (id == _organizationNameOf.Count)
        {
            var name = OrganizationKeys.NormaliseName(organization);
            _organizationNameOf.Add(name.Length == 0 ? -1 : _organizationNames.Intern(name));
            _organizationSector.Add(_reader.Taxonomy.SectorOf(null, organization));
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
            _industrySector.Add(_reader.Taxonomy.SectorOf(industry, null));
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

    /// <summary>Edited names and emails leave their old bytes behind; copy the live ones once the waste passes a quarter.</summary>
    private void CompactTextIfWasteful()
    {
        if (_text.Wasted < 1 << 20 || _text.Wasted * 4 < _text.Allocated)
        {
            return;
        }
        var fresh = new TextArena();
        foreach (var slot in _ids.Slots())
        {
            _id[slot] = fresh.Copy(_text, _id[slot]);
            _name[slot] = fresh.Copy(_text, _name[slot]);
            _email[slot] = fresh.Copy(_text, _email[slot]);
        }
        _text = fresh;
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

    /// <summary>The id index's view of the slots.</summary>
    private sealed class SlotIds(PeerDirectory directory) : IdIndex.ISource
    {
        public uint HashOf(int slot) => directory._tie[slot];

        public bool HasId(int slot, string id) => directory._text.Holds(directory._id[slot], id);
    }
}
