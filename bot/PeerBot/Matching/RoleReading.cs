namespace PeerBot.Matching;

/// <summary>One way of reading a title: a function, a level (null when the text names none) and an optional specialty.</summary>
/// <param name="Confidence">1 for a plain reading; lower for one of several readings of an ambiguous abbreviation, a corrected typo, or a guessed level.</param>
/// <param name="ReadAs">How an ambiguous abbreviation was read, e.g. "Chief People Officer".</param>
public sealed record RoleReading(JobFunction Function, SeniorityLevel? Level, string? Specialty, double Confidence, string? ReadAs = null)
{
    public override string ToString()
    {
        var text = Level is null ? Function.Name : $"{Level.Name} · {Function.Name}";
        if (Specialty is not null)
        {
            text += $" ({Specialty})";
        }
        return ReadAs is null ? text : $"{ReadAs}: {text}";
    }
}

/// <summary>What the reader made of a text.</summary>
/// <param name="Readings">Every reading, best first; empty when no role was recognised.</param>
/// <param name="LevelWithoutFunction">A level the text named without any function ("VP"), so the reply can ask which function.</param>
/// <param name="Corrections">Misspelt words and what they were read as.</param>
public sealed record RoleRead(IReadOnlyList<RoleReading> Readings, SeniorityLevel? LevelWithoutFunction, IReadOnlyList<(string From, string To)> Corrections)
{
    public bool Understood => Readings.Count > 0;

    public bool IsAmbiguous => Readings.Any(r => r.ReadAs is not null);
}
