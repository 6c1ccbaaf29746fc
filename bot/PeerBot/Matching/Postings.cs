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

/// <summary>
/// The profiles of one (function, level, headcount band). Most are kept in order of their tie hash, so a search that
/// already holds a full page of equal scores can stop a list as soon as the hashes pass its worst; entries added since
/// the last sort wait in an unsorted tail, which is sorted in once it grows past a quarter of the list.
/// </summary>
internal sealed class PostingList
{
    private static readonly Comparison<Posting> ByTie = (a, b) => a.Tie != b.Tie ? a.Tie.CompareTo(b.Tie) : a.Slot.CompareTo(b.Slot);

    private Posting[] _items = [];

    public int Count { get; private set; }

    /// <summary>How many entries, from the start, are in tie order.</summary>
    public int SortedCount { get; private set; }

    public ReadOnlySpan<Posting> Items => _items.AsSpan(0, Count);

    public ReadOnlySpan<Posting> Sorted => _items.AsSpan(0, SortedCount);

    public ReadOnlySpan<Posting> Unsorted => _items.AsSpan(SortedCount, Count - SortedCount);

    public void Add(in Posting posting)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }
        _items[Count++] = posting;
        if (Count - SortedCount > Math.Max(32, SortedCount / 4))
        {
            _items.AsSpan(0, Count).Sort(ByTie);
            SortedCount = Count;
        }
    }

    public void Remove(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Slot != slot)
            {
                continue;
            }
            if (i < SortedCount)
            {
                // Keep the sorted part in order; the tail's first entry then counts as unsorted.
                Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                SortedCount--;
            }
            else
            {
                _items[i] = _items[Count - 1];
            }
            Count--;
            return;
        }
    }
}
