using System.Collections;
using System.Globalization;

namespace PeerBot.Cards.Templating.Values;

/// <summary>
/// An object value with the key order the reference engine produces: array-index keys ("0", "1", ...)
/// first in numeric order, then the other keys in insertion order. Setting an existing key keeps its place.
/// </summary>
internal sealed class ScriptObject(int capacity = 0) : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(capacity, StringComparer.Ordinal);
    private readonly List<string> _insertionOrder = new(capacity);
    private int _indexKeys;

    // With array-index keys, the key order is worked out once per change: templates are shared, read on every reply,
    // and never changed once prepared (a race here computes the same order twice). Without them (nearly always), the
    // insertion order is the order, and nothing is copied.
    private string[]? _ordered;

    public int Count => _values.Count;

    public object? this[string key]
    {
        get => _values.TryGetValue(key, out var value) ? value : Undefined.Value;
        set
        {
            if (_values.TryAdd(key, value))
            {
                _insertionOrder.Add(key);
                _ordered = null;
                if (IsArrayIndex(key))
                {
                    _indexKeys++;
                }
                return;
            }
            _values[key] = value;
        }
    }

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>The keys in order. Read it before adding keys: adding changes it.</summary>
    public IReadOnlyList<string> Keys => _indexKeys == 0 ? _insertionOrder : _ordered ??= Order();

    /// <summary>Pairs in key order, without an allocation (a struct enumerator for foreach).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator()
    {
        foreach (var pair in this)
        {
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)this).GetEnumerator();

    private string[] Order()
    {
        var indexKeys = _insertionOrder.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture));
        return [.. indexKeys, .. _insertionOrder.Where(k => !IsArrayIndex(k))];
    }

    // Canonical integer strings below 2^32 - 1, as ECMAScript orders them.
    private static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || !char.IsAsciiDigit(key[0]) || (key.Length > 1 && key[0] == '0') || !key.All(char.IsAsciiDigit))
        {
            return false;
        }
        return ulong.Parse(key, CultureInfo.InvariantCulture) < uint.MaxValue;
    }

    public struct Enumerator(ScriptObject owner)
    {
        private readonly IReadOnlyList<string> _keys = owner.Keys;
        private int _at = -1;

        public readonly KeyValuePair<string, object?> Current => new(_keys[_at], owner._values[_keys[_at]]);

        public bool MoveNext() => ++_at < _keys.Count;
    }
}
