namespace PeerBot.Demo;

/// <summary>
/// A business function as it appears in real titles: several names for the function itself
/// ("People", "HR"), the specialties people head ("Talent Acquisition"), the C-level titles, and
/// the leadership topics its leaders most often raise.
/// </summary>
public sealed record DemoFunction(
    string Name,
    IReadOnlyList<string> Nouns,
    IReadOnlyList<string> Specialties,
    IReadOnlyList<string> ChiefTitles,
    IReadOnlyList<string> Topics)
{
    /// <summary>Titles peculiar to the function at a level, offered alongside the common patterns.</summary>
    public IReadOnlyDictionary<DemoLevel, string[]> ExtraTitles { get; init; } = new Dictionary<DemoLevel, string[]>();

    /// <summary>When set, only <see cref="ExtraTitles"/> are used (general management has no "Manager, General Management").</summary>
    public bool OwnTitlesOnly { get; init; }

    /// <summary>The industries the function exists in; null for every industry.</summary>
    public IReadOnlySet<string>? OnlyIn { get; init; }

    /// <summary>How often the function is drawn relative to others.</summary>
    public int Weight { get; init; } = 4;
}
