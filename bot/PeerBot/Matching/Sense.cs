using System.Collections.Frozen;

namespace PeerBot.Matching;

/// <summary>A word with several meanings ("principal"), each a <see cref="SenseReading"/>, and how it reads otherwise.</summary>
/// <param name="Text">The word as normalised ("general manager").</param>
/// <param name="Plain">How it reads when the title names another function ("Principal Engineer"), or when no reading applies.</param>
/// <param name="PlainCues">Neighbouring words that select the plain sense ("General Manager, Consumer Division" runs a business unit).</param>
internal sealed record Sense(string Text, IReadOnlyList<SenseReading> Readings, Term? Plain, string? PlainName, string? PlainQuery, string[] PlainCues);

/// <summary>One meaning of a <see cref="Sense"/>.</summary>
/// <param name="Level">Null when the reading gives a function only and the level comes from the other words.</param>
/// <param name="Name">What the reply calls it ("a school principal").</param>
/// <param name="Query">A query that means this reading and no other.</param>
/// <param name="Sectors">Sectors where the word means this.</param>
/// <param name="Cues">Neighbouring words that select this reading ("school", "elementary").</param>
/// <param name="IsDefault">The reading taken when nothing else decides.</param>
internal sealed record SenseReading(JobFunction Function, SeniorityLevel? Level, string Name, string? Query, FrozenSet<Sector> Sectors, string[] Cues, bool IsDefault)
{
    /// <summary>The word read this way: a role when the reading carries a level, else a function.</summary>
    public Term Term { get; } = Level is null
        ? new Term(TermKind.Function, Functions: [Function])
        : new Term(TermKind.Role, Level: Level, Functions: [Function], Meaning: Name);
}

/// <summary>How a word with several meanings was read, for the reply ("I read “principal” as a school principal…").</summary>
/// <param name="Word">The word as typed (normalised).</param>
/// <param name="Meaning">The reading taken; null for the plain one.</param>
/// <param name="By">What decided it.</param>
/// <param name="Others">Suggested queries for the readings not taken.</param>
public sealed record SenseChoice(string Word, string? Meaning, SenseDecider By, IReadOnlyList<string> Others);

/// <summary>What settled a word with several meanings.</summary>
public enum SenseDecider
{
    /// <summary>A neighbouring word ("school principal", "site superintendent").</summary>
    Neighbour,

    /// <summary>The title names another function, so the word is a plain level ("Principal Engineer").</summary>
    OtherFunction,

    /// <summary>The sector of the organization, or the asker's.</summary>
    Sector,

    /// <summary>Nothing did: the most common reading.</summary>
    Default,
}
