namespace PeerBot.Matching;

/// <summary>
/// One copy of each distinct string (titles, organizations, industries, topics...), so a million
/// profiles cost a number per field rather than a string each. Not thread-safe: the directory guards it.
/// </summary>
internal sealed class StringPool(StringComparer comparer)
{
    private readonly Dictionary<string, int> _ids = new(comparer);
    private readonly List<string> _values = [];

    public int Count => _values.Count;

    public string this[int id] => _values[id];

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _ids.Add(value, id);
        }
        return id;
    }

    /// <summary>The id of a value already pooled, or -1.</summary>
    public int Find(string? value) => value is not null && _ids.TryGetValue(value, out var id) ? id : -1;
}
