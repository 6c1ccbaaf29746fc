using System.Collections;
using System.Globalization;

namespace PeerBot.Cards.Templating.Values;

/// <summary>
/// An object value with the key order the reference engine produces: array-index keys ("0", "1", ...)
/// first in numeric order, then the other keys in insertion order. Setting an existing key keeps its place.
/// </summary>
internal sealed class ScriptObject : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly List<string> _insertionOrder = [];

    // The key order, worked out once per change: templates are shared, read on every reply, and never changed
    // once prepared (a race here computes the same order twice).
    private string[]? _ordered;

    public int Count => _values.Count;

    public object? this[string key]
    {
        get => _values.TryGetValue(key, out var value) ? value : Undefined.Value;
        set
        {
            if (!_values.ContainsKey(key))
            {
                _insertionOrder.Add(key);
                _ordered = null;
            }
            _values[key] = value;
        }
    }

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public IReadOnlyList<string> Keys => _ordered ??= Order();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var key in Keys)
        {
            yield return new KeyValuePair<string, object?>(key, _values[key]);
        }
    }

    private string[] Order()
    {
        if (!_insertionOrder.Exists(IsArrayIndex))
        {
            return [.. _insertionOrder];
        }
        var indexKeys = _insertionOrder.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture));
        return [.. indexKeys, .. _insertionOrder.Where(k => !IsArrayIndex(k))];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Canonical integer strings below 2^32 - 1, as ECMAScript orders them.
    private static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0') || !key.All(char.IsAsciiDigit))
        {
            return false;
        }
        return ulong.Parse(key, CultureInfo.InvariantCulture) < uint.MaxValue;
    }
}
