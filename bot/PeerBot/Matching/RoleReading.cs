namespace PeerBot.Matching;

/// <summary>One way of reading a title: a function, a level (null when the text names none) and an optional specialty.</summary>
/// <param name="Confidence">1 for a plain reading; lower for one of several readings of an ambiguous abbreviation, a corrected typo, or a guessed level or area.</param>
/// <param name="ReadAs">How an ambiguous abbreviation was read, e.g. "Chief People Officer".</param>
/// <param name="Meaning">Which sense of a word with several was taken, e.g. "school principal".</param>
public sealed record RoleReading(JobFunction Function, SeniorityLevel? Level, string? Specialty, double Confidence, string? ReadAs = null, string? Meaning = null)
{
    public override string ToString()
    {
        var text = Level is null ? Function.Name : $"{Level.Name} · {Function.Name}";
        if (Specialty is not null)
        {
            text += $" ({Specialty})";
        }
        if (Meaning is not null)
        {
            text = $"{char.ToUpperInvariant(Meaning[0])}{Meaning[1..]}: {text}";
        }
        return ReadAs is null ? text : $"{ReadAs}: {text}";
    }
}

/// <summary>Where a query that named a level but no function found its area.</summary>
public enum AreaSource
{
    /// <summary>The query named a sector ("shift supervisor retail").</summary>
    Query,

    /// <summary>The asker's own function (a store manager asking for "shift supervisor").</summary>
    AskerFunction,

    /// <summary>The asker's organization's sector.</summary>
    AskerSector,
}

/// <summary>What the reader made of a text.</summary>
/// <param name="Readings">Every reading, best first; empty when no role was recognised.</param>
/// <param name="LevelWithoutFunction">A level the text named without any function ("VP"), so the reply can ask which function.</param>
/// <param name="Corrections">Misspelt words and what they were read as.</param>
public sealed record RoleRead(IReadOnlyList<RoleReading> Readings, SeniorityLevel? LevelWithoutFunction, IReadOnlyList<(string From, string To)> Corrections)
{
    public bool Understood => Readings.Count > 0;

    public bool IsAmbiguous => Readings.Any(r => r.ReadAs is not null);

    /// <summary>How each word with several meanings was read.</summary>
    public IReadOnlyList<SenseChoice> Senses { get; init; } = [];

    /// <summary>For a level without a function, where its area came from; null when the text named one.</summary>
    public AreaSource? AreaFrom { get; init; }

    /// <summary>Words the taxonomy does not know (after typo correction), in order.</summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];

    /// <summary>A sector the text itself names ("nonprofit", or a family such as "hotel"), if any.</summary>
    public Sector? SectorNamed { get; init; }

    /// <summary>
    /// True when the reading would differ in another sector: a word with several meanings was settled by the
    /// sector or by default, or a bare level took the sector's family. Such titles are read once per sector.
    /// </summary>
    public bool DependsOnSector { get; init; }
}

/// <summary>What a query is read against: the sector it is asked from, and the asker's own functions.</summary>
public sealed record QueryContext(Sector? Sector, IReadOnlyList<JobFunction> OwnFunctions)
{
    public static readonly QueryContext None = new(null, []);
}
