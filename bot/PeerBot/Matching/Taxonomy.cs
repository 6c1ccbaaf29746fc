using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Matching;

/// <summary>A business function such as Marketing; <see cref="Index"/> is its position in the taxonomy file.</summary>
public sealed record JobFunction(int Index, string Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>A rung of the seniority ladder; a higher <see cref="Rank"/> is more senior.</summary>
public sealed record SeniorityLevel(int Rank, string Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// The role model read from <c>Matching/taxonomy.json</c> (an embedded resource): functions with their
/// synonyms, specialties and related functions, the seniority ladder, and the words that carry a role.
/// Role knowledge lives in that file so it can grow without code changes.
/// </summary>
public sealed class Taxonomy
{
    private const string ResourceName = "PeerBot.Matching.taxonomy.json";

    private static readonly Lazy<Taxonomy> Shipped = new(() =>
    {
        using var stream = typeof(Taxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Load(stream);
    });

    private readonly bool[,] _related;

    private Taxonomy(IReadOnlyList<JobFunction> functions, IReadOnlyList<SeniorityLevel> levels, bool[,] related,
        FrozenDictionary<string, Term> terms, int longestTerm, IReadOnlyList<string> examples, FrozenSet<string> qualifiers)
    {
        Functions = functions;
        Levels = levels;
        _related = related;
        Terms = terms;
        LongestTerm = longestTerm;
        Examples = examples;
        Qualifiers = qualifiers;
        Vocabulary = terms.Keys.SelectMany(t => t.Split(' ')).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The taxonomy shipped with the app.</summary>
    public static Taxonomy Default => Shipped.Value;

    public IReadOnlyList<JobFunction> Functions { get; }

    public IReadOnlyList<SeniorityLevel> Levels { get; }

    /// <summary>Example queries offered when a query cannot be read.</summary>
    public IReadOnlyList<string> Examples { get; }

    /// <summary>Every known word or phrase, keyed by its normalised text.</summary>
    internal FrozenDictionary<string, Term> Terms { get; }

    /// <summary>Length in words of the longest phrase.</summary>
    internal int LongestTerm { get; }

    /// <summary>Words of four letters or more that typos are corrected towards.</summary>
    internal IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Function ids that, written right after another function, narrow it ("Finance Operations") rather than name a second one.</summary>
    internal FrozenSet<string> Qualifiers { get; }

    public JobFunction Function(string id) => Functions.FirstOrDefault(f => f.Id == id) ?? throw new KeyNotFoundException($"No function '{id}'.");

    public SeniorityLevel Level(string id) => Levels.FirstOrDefault(l => l.Id == id) ?? throw new KeyNotFoundException($"No level '{id}'.");

    public bool AreRelated(JobFunction a, JobFunction b) => _related[a.Index, b.Index];

    public static Taxonomy Load(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, TaxonomyJson.Default.TaxonomyFile)
            ?? throw new InvalidDataException("The taxonomy file is empty.");
        var levels = file.Levels.Select((l, i) => new SeniorityLevel(i, l.Id, l.Name)).ToArray();
        var functions = file.Functions.Select((f, i) => new JobFunction(i, f.Id, f.Name)).ToArray();
        var levelById = levels.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var functionById = functions.ToDictionary(f => f.Id, StringComparer.Ordinal);
        SeniorityLevel LevelOf(string id) => levelById.TryGetValue(id, out var l) ? l : throw new InvalidDataException($"Unknown level '{id}' in the taxonomy.");
        JobFunction FunctionOf(string id) => functionById.TryGetValue(id, out var f) ? f : throw new InvalidDataException($"Unknown function '{id}' in the taxonomy.");

        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        void Add(string text, Term term)
        {
            var key = RoleText.NormaliseTerm(text);
            if (key.Length == 0 || !terms.TryAdd(key, term))
            {
                throw new InvalidDataException($"Taxonomy term '{text}' is empty or appears twice.");
            }
        }

        foreach (var (level, entry) in levels.Zip(file.Levels))
        {
            entry.Terms.ForEach(t => Add(t, new Term(TermKind.Level, Level: level)));
        }
        foreach (var modifier in file.Modifiers)
        {
            var changes = modifier.Changes.ToFrozenDictionary(c => LevelOf(c.Key).Rank, c => LevelOf(c.Value));
            var otherwise = modifier.Otherwise is null ? null : LevelOf(modifier.Otherwise);
            modifier.Terms.ForEach(t => Add(t, new Term(TermKind.Modifier, Level: otherwise, Changes: changes)));
        }
        var related = new bool[functions.Length, functions.Length];
        foreach (var (function, entry) in functions.Zip(file.Functions))
        {
            entry.Terms.ForEach(t => Add(t, new Term(TermKind.Function, Functions: [function])));
            foreach (var specialty in entry.Specialties)
            {
                specialty.Terms.ForEach(t => Add(t, new Term(TermKind.Function, Functions: [function], Specialty: specialty.Id)));
            }
            foreach (var other in entry.Related.Select(FunctionOf))
            {
                related[function.Index, other.Index] = related[other.Index, function.Index] = true;
            }
        }
        foreach (var role in file.Roles)
        {
            var readAs = role.ReadAs ?? [];
            if (readAs.Count != 0 && readAs.Count != role.Functions.Count)
            {
                throw new InvalidDataException($"Role '{role.Terms[0]}' needs one readAs per function.");
            }
            var term = new Term(TermKind.Role, Level: LevelOf(role.Level), Functions: role.Functions.Select(FunctionOf).ToArray(), ReadAs: readAs);
            role.Terms.ForEach(t => Add(t, term));
        }
        foreach (var worker in file.Workers)
        {
            var term = new Term(TermKind.Worker, Level: LevelOf(worker.Level), Functions: worker.Function is null ? [] : [FunctionOf(worker.Function)], Fixed: worker.Fixed);
            worker.Terms.ForEach(t => Add(t, term));
        }
        file.Ignore.ForEach(t => Add(t, new Term(TermKind.Ignore)));
        file.Stops.ForEach(t => Add(t, new Term(TermKind.Stop)));
        foreach (var q in file.Qualifiers)
        {
            FunctionOf(q);
        }
        var longest = terms.Keys.Max(k => k.Count(c => c == ' ') + 1);
        return new Taxonomy(functions, levels, related, terms.ToFrozenDictionary(StringComparer.Ordinal), longest, file.Examples, file.Qualifiers.ToFrozenSet(StringComparer.Ordinal));
    }
}

internal enum TermKind
{
    Ignore,
    Stop,
    Level,
    Modifier,
    Function,
    Role,
    Worker,
}

/// <summary>What a word or phrase of the taxonomy means.</summary>
/// <param name="Level">The level a level word, role or worker word carries; for a modifier, the level it means when it modifies nothing ("Marketing Associate").</param>
/// <param name="Functions">For a role with several, the readings of an ambiguous abbreviation; for a worker word, its usual function.</param>
/// <param name="Changes">For a modifier, how it moves the level word after it (by rank).</param>
/// <param name="Fixed">For a worker word, that its function wins over any other the title names.</param>
internal sealed record Term(
    TermKind Kind,
    SeniorityLevel? Level = null,
    IReadOnlyList<JobFunction>? Functions = null,
    string? Specialty = null,
    IReadOnlyList<string>? ReadAs = null,
    FrozenDictionary<int, SeniorityLevel>? Changes = null,
    bool Fixed = false);

internal sealed class TaxonomyFile
{
    public List<LevelJson> Levels { get; set; } = [];
    public List<ModifierJson> Modifiers { get; set; } = [];
    public List<FunctionJson> Functions { get; set; } = [];
    public List<string> Qualifiers { get; set; } = [];
    public List<RoleJson> Roles { get; set; } = [];
    public List<WorkerJson> Workers { get; set; } = [];
    public List<string> Ignore { get; set; } = [];
    public List<string> Stops { get; set; } = [];
    public List<string> Examples { get; set; } = [];
}

internal sealed class LevelJson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Terms { get; set; } = [];
}

internal sealed class ModifierJson
{
    public List<string> Terms { get; set; } = [];
    public Dictionary<string, string> Changes { get; set; } = [];
    public string? Otherwise { get; set; }
}

internal sealed class FunctionJson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Terms { get; set; } = [];
    public List<string> Related { get; set; } = [];
    public List<SpecialtyJson> Specialties { get; set; } = [];
}

internal sealed class SpecialtyJson
{
    public string Id { get; set; } = "";
    public List<string> Terms { get; set; } = [];
}

internal sealed class RoleJson
{
    public List<string> Terms { get; set; } = [];
    public List<string> Functions { get; set; } = [];
    public string Level { get; set; } = "";
    public List<string>? ReadAs { get; set; }
}

internal sealed class WorkerJson
{
    public List<string> Terms { get; set; } = [];
    public string? Function { get; set; }
    public string Level { get; set; } = "";
    public bool Fixed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TaxonomyFile))]
internal sealed partial class TaxonomyJson : JsonSerializerContext;
