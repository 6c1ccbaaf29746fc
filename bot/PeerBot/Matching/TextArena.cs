using System.Text;

namespace PeerBot.Matching;

/// <summary>
/// Per-member strings (ids, names, emails) stored as UTF-8 in large shared chunks, addressed by an int. A million
/// members' strings cost about a third of what a million string objects do (no object header, one byte per ASCII
/// character), and the garbage collector sees a few hundred arrays instead of millions of objects. Not
/// thread-safe: the directory guards it.
/// </summary>
internal sealed class TextArena
{
    public const int None = -1;

    // A chunk stays below 1 MiB so an offset fits in 20 bits; an entry never spans two chunks.
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;

    private const int FirstChunk = 4096;

    private readonly List<byte[]> _chunks = [];
    private int _used;

    /// <summary>Bytes held by entries no longer referenced, so the owner knows when to compact.</summary>
    public long Wasted { get; private set; }

    public long Allocated => _chunks.Sum(c => (long)c.Length);

    public int Add(string? value)
    {
        if (value is null)
        {
            return None;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("Text longer than 64 KiB cannot be stored.", nameof(value));
        }
        var at = Reserve(length, out var target);
        Encoding.UTF8.GetBytes(value, target);
        return at;
    }

    private int Put(ReadOnlySpan<byte> bytes)
    {
        var at = Reserve(bytes.Length, out var target);
        bytes.CopyTo(target);
        return at;
    }

    private int Reserve(int length, out Span<byte> target)
    {
        var size = length + 2;
        if (_chunks.Count == 0 || _used + size > _chunks[^1].Length)
        {
            // Small directories (tests, a new network) start small; large ones settle on 1 MiB chunks.
            var next = _chunks.Count == 0 ? FirstChunk : Math.Min(ChunkSize, _chunks[^1].Length * 2);
            _chunks.Add(GC.AllocateUninitializedArray<byte>(Math.Max(next, size)));
            _used = 0;
        }
        var chunk = _chunks[^1];
        chunk[_used] = (byte)length;
        chunk[_used + 1] = (byte)(length >> 8);
        target = chunk.AsSpan(_used + 2, length);
        var at = ((_chunks.Count - 1) << ChunkBits) | _used;
        _used += size;
        return at;
    }

    public ReadOnlySpan<byte> Bytes(int at)
    {
        var chunk = _chunks[at >>> ChunkBits];
        var offset = at & (ChunkSize - 1);
        var length = chunk[offset] | (chunk[offset + 1] << 8);
        return chunk.AsSpan(offset + 2, length);
    }

    public string? Text(int at) => at == None ? null : Encoding.UTF8.GetString(Bytes(at));

    /// <summary>Whether the entry holds exactly <paramref name="value"/> (null matches <see cref="None"/>).</summary>
    public bool Holds(int at, string? value)
    {
        if (at == None || value is null)
        {
            return at == None && value is null;
        }
        var stored = Bytes(at);
        if (value.Length > stored.Length || value.Length * 3 < stored.Length)
        {
            return false;
        }
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[value.Length * 3] : new byte[value.Length * 3];
        var written = Encoding.UTF8.GetBytes(value, buffer);
        return buffer[..written].SequenceEqual(stored);
    }

    public void Release(int at)
    {
        if (at != None)
        {
            Wasted += Bytes(at).Length + 2;
        }
    }

    /// <summary>Copies an entry of another arena into this one (to compact: copy the live entries into a fresh arena).</summary>
    public int Copy(TextArena from, int at) => at == None ? None : Put(from.Bytes(at));
}
