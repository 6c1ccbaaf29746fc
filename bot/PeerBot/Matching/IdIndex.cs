namespace PeerBot.Matching;

/// <summary>
/// Member id → slot, as an open-addressing table of slot numbers (4 bytes an entry) over ids kept in the
/// <see cref="TextArena"/>: a dictionary keyed by a million id strings would keep those strings alive besides.
/// Probing compares the stable hash the directory keeps per slot before it compares bytes.
/// </summary>
internal sealed class IdIndex(IdIndex.ISource source)
{
    /// <summary>What the index needs to know about a slot.</summary>
    public interface ISource
    {
        uint HashOf(int slot);

        bool HasId(int slot, string id);
    }

    private int[] _table = new int[16];
    private int _count;

    public int Count => _count;

    public int Find(string id, uint hash)
    {
        var mask = _table.Length - 1;
        for (var i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            var entry = _table[i];
            if (entry == 0)
            {
                return -1;
            }
            var slot = entry - 1;
            if (source.HashOf(slot) == hash && source.HasId(slot, id))
            {
                return slot;
            }
        }
    }

    public void Add(int slot, uint hash)
    {
        if ((_count + 1) * 4 > _table.Length * 3)
        {
            Grow();
        }
        Insert(_table, slot, hash);
        _count++;
    }

    /// <summary>Removes a slot, shifting back the entries that probed past it (no tombstones).</summary>
    public void Remove(int slot, uint hash)
    {
        var mask = _table.Length - 1;
        var i = (int)(hash & (uint)mask);
        while (_table[i] != slot + 1)
        {
            if (_table[i] == 0)
            {
                return;
            }
            i = (i + 1) & mask;
        }
        _table[i] = 0;
        _count--;
        for (var j = (i + 1) & mask; _table[j] != 0; j = (j + 1) & mask)
        {
            var entry = _table[j];
            var home = (int)(source.HashOf(entry - 1) & (uint)mask);
            // Move the entry back if its home is not in the cyclic range (i, j].
            var inRange = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!inRange)
            {
                _table[i] = entry;
                _table[j] = 0;
                i = j;
            }
        }
    }

    public IEnumerable<int> Slots()
    {
        foreach (var entry in _table)
        {
            if (entry != 0)
            {
                yield return entry - 1;
            }
        }
    }

    private void Grow()
    {
        var bigger = new int[_table.Length * 2];
        foreach (var entry in _table)
        {
            if (entry != 0)
            {
                Insert(bigger, entry - 1, source.HashOf(entry - 1));
            }
        }
        _table = bigger;
    }

    private static void Insert(int[] table, int slot, uint hash)
    {
        var mask = table.Length - 1;
        var i = (int)(hash & (uint)mask);
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
    }
}
