using System.Runtime.InteropServices;

namespace PeerBot.Matching;

/// <summary>
/// One entry of a posting list. It carries copies of everything the ranking loop reads, so a search
/// walks contiguous memory instead of chasing each profile's fields.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct Posting
{
    public int Slot;
    public int OrganizationKey;
    public int EmailDomain;
    public int OrganizationName;
    public int TopicSet;
    /// <summary>Stable hash of the member id: ties break on it, the same way on every instance.</summary>
    public uint Tie;
    public int Industry;
    public byte Specialty;
}

/// <summary>The profiles of one (function, level, headcount band), in no particular order.</summary>
internal sealed class PostingList
{
    private Posting[] _items = [];

    public int Count { get; private set; }

    public ReadOnlySpan<Posting> Items => _items.AsSpan(0, Count);

    public void Add(in Posting posting)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }
        _items[Count++] = posting;
    }

    public void Remove(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Slot == slot)
            {
                _items[i] = _items[--Count];
                return;
            }
        }
    }
}
