using System.Collections.Frozen;
using System.Text.Json;

namespace PeerBot.Matching;

/// <summary>
/// A business function such as Marketing, or a role family outside the corporate functions such as Nursing;
/// <see cref="Index"/> is its position in the taxonomy. <see cref="Sector"/> is null for the corporate functions,
/// which every kind of organization has.
/// </summary>
public sealed record JobFunction(int Index, string Id, string Name, string? Sector = null)
{
    public override string ToString() => Name;
}

/// <summary>A rung of the seniority ladder; a higher <see cref="Rank"/> is more senior.</summary>
public sealed record SeniorityLevel(int Rank, string Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// A kind of organization (hospitals, schools, police, stores…), told from a profile's industry and organization name
/// or from the words of a query. It settles words whose meaning depends on where they are used, and gives the
/// family a bare level means there (<see cref="Family"/>: "Shift Supervisor" at a store is a retail supervisor).
/// </summary>
public sealed record Sector(int Index, string Id, string Name, JobFunction? Family, IReadOnlyList<string> Examples)
{
    public override string ToString() => Name;
}

/// <summary>
/// The role model read from <c>Matching/taxonomy.json</c> and the sector files under <c>Matching/Sectors/</c> (embedded
/// resources): functions and families with their synonyms, specialties and related functions, the seniority ladder,
/// the sectors, the words whose meaning depends on context, and the words that carry a role. Role knowledge lives in
/// those files so it can grow without code changes.
/// </summary>
public sealed class Taxonomy
{
    private const string CoreResource = "PeerBot.Matching.taxonomy.json";
    private const string SectorResources = "PeerBot.Matching.Sectors.";

    private static readonly Lazy<Taxonomy> Shipped = new(() =>
    {
        var assembly = typeof(Taxonomy).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(SectorResources, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Prepend(CoreResource);
        var streams = names.Select(n => assembly.GetManifestResourceStream(n) ?? throw new InvalidOperationException($"Embedded resource {n} is missing.")).ToList();
        try
        {
            return Load(streams);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    });

    private readonly bool[,] _related;
    private readonly SectorFinder _industrySectors;
    private readonly SectorFinder _nameSectors;

    private Taxonomy(IReadOnlyList<JobFunction> functions, IReadOnlyList<SeniorityLevel> levels, bool[,] related, IReadOnlyList<Sector> sectors,
        FrozenDictionary<string, Term> terms, IReadOnlyList<string> examples, FrozenSet<string> qualifiers, SectorFinder industries, SectorFinder names)
    {
        Functions = functions;
        Levels = levels;
        _related = related;
        Sectors = sectors;
        Terms = terms;
        LongestTerm = terms.Keys.Max(k => k.Count(c => c == ' ') + 1);
        Examples = examples;
        Qualifiers = qualifiers;
        _industrySectors = industries;
        _nameSectors = names;
        Vocabulary = terms.Keys.SelectMany(t => t.Split(' ')).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The taxonomy shipped with the app.</summary>
    public static Taxonomy Default => Shipped.Value;

    public IReadOnlyList<JobFunction> Functions { get; }

    public IReadOnlyList<SeniorityLevel> Levels { get; }

    public IReadOnlyList<Sector> Sectors { get; }

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

    public Sector Sector(string id) => Sectors.FirstOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException($"No sector '{id}'.");

    public bool AreRelated(JobFunction a, JobFunction b) => _related[a.Index, b.Index];

    /// <summary>
    /// The sector of an organization: its name first ("Springfield Police Department" says more than "Government"),
    /// then its industry; null when neither says.
    /// </summary>
    public Sector? SectorOf(string? industry, string? organization) =>
        _nameSectors.Find(organization) ?? _industrySectors.Find(industry);

    /// <summary>The sector an industry names (a query's industry filter), or null.</summary>
    public Sector? SectorOfIndustry(string? industry) => _industrySectors.Find(industry);

    public static Taxonomy Load(Stream json) => Load([json]);

    /// <summary>Reads and merges taxonomy files: the first holds the ladder; a later file may add terms to a function an earlier one defined.</summary>
    public static Taxonomy Load(IReadOnlyList<Stream> files)
    {
        var parts = files.Select(f => JsonSerializer.Deserialize(f, TaxonomyJson.Default.TaxonomyFile) ?? throw new InvalidDataException("A taxonomy file is empty.")).ToList();
        var file = Merge(parts);
        var levels = file.Levels.Select((l, i) => new SeniorityLevel(i, l.Id, l.Name)).ToArray();
        if (levels.Length == 0)
        {
            throw new InvalidDataException("The taxonomy has no levels.");
        }
        var sectorIds = file.Sectors.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var f in file.Functions.Where(f => f.Sector is not null && !sectorIds.Contains(f.Sector)))
        {
            throw new InvalidDataException($"Function '{f.Id}' names an unknown sector '{f.Sector}'.");
        }
        var functions = file.Functions.Select((f, i) => new JobFunction(i, f.Id, f.Name, f.Sector)).ToArray();
        var levelById = levels.ToDictionary(l => l.Id, StringComparer.Ordinal);
        var functionById = functions.ToDictionary(f => f.Id, StringComparer.Ordinal);
        SeniorityLevel LevelOf(string id) => levelById.TryGetValue(id, out var l) ? l : throw new InvalidDataException($"Unknown level '{id}' in the taxonomy.");
        JobFunction FunctionOf(string id) => functionById.TryGetValue(id, out var f) ? f : throw new InvalidDataException($"Unknown function '{id}' in the taxonomy.");
        var sectors = file.Sectors.Select((s, i) => new Sector(i, s.Id, s.Name, s.Family is null ? null : FunctionOf(s.Family), s.Examples)).ToArray();
        var sectorById = sectors.ToDictionary(s => s.Id, StringComparer.Ordinal);
        Sector SectorOf(string id) => sectorById.TryGetValue(id, out var s) ? s : throw new InvalidDataException($"Unknown sector '{id}' in the taxonomy.");

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
            var sectorChanges = modifier.SectorChanges.ToFrozenDictionary(c => LevelOf(c.Key).Rank, c => LevelOf(c.Value));
            var otherwise = modifier.Otherwise is null ? null : LevelOf(modifier.Otherwise);
            modifier.Terms.ForEach(t => Add(t, new Term(TermKind.Modifier, Level: otherwise, Changes: changes, SectorChanges: sectorChanges)));
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
        foreach (var (sector, entry) in sectors.Zip(file.Sectors))
        {
            entry.Words.ForEach(t => Add(t, new Term(TermKind.SectorWord, Sector: sector)));
        }
        Term RoleTerm(RoleJson role)
        {
            var readAs = role.ReadAs ?? [];
            if (readAs.Count != 0 && readAs.Count != role.Functions.Count)
            {
                throw new InvalidDataException($"Role '{role.Terms.FirstOrDefault()}' needs one readAs per function.");
            }
            return new Term(TermKind.Role, Level: LevelOf(role.Level), Functions: role.Functions.Select(FunctionOf).ToArray(), ReadAs: readAs);
        }
        foreach (var role in file.Roles)
        {
            var term = RoleTerm(role);
            role.Terms.ForEach(t => Add(t, term));
        }
        foreach (var worker in file.Workers)
        {
            var term = new Term(TermKind.Worker, Level: LevelOf(worker.Level), Functions: worker.Function is null ? [] : [FunctionOf(worker.Function)], Fixed: worker.Fixed);
            worker.Terms.ForEach(t => Add(t, term));
        }
        foreach (var sense in file.Senses)
        {
            var readings = sense.Readings.Select(r => new SenseReading(
                FunctionOf(r.Function),
                r.Level is null ? null : LevelOf(r.Level),
                r.Name,
                r.Query,
                r.Sectors.Select(SectorOf).ToFrozenSet(),
                r.Cues.Select(RoleText.NormaliseTerm).ToArray(),
                r.Default)).ToArray();
            if (readings.Count(r => r.IsDefault) > 1)
            {
                throw new InvalidDataException($"'{sense.Terms.FirstOrDefault()}' has more than one default reading.");
            }
            Term? plain = sense.Plain switch
            {
                null => null,
                { Role: { } role } => RoleTerm(role),
                { Function: { } f } => new Term(TermKind.Function, Functions: [FunctionOf(f)]),
                { Worker: { } w } => new Term(TermKind.Worker, Level: LevelOf(w), Functions: []),
                { Level: { } l } => new Term(TermKind.Level, Level: LevelOf(l)),
                _ => new Term(TermKind.Ignore),
            };
            foreach (var text in sense.Terms)
            {
                Add(text, new Term(TermKind.Sense, Sense: new Sense(RoleText.NormaliseTerm(text), readings, plain, sense.Plain?.Name, sense.Plain?.Query,
                    [.. (sense.Plain?.Cues ?? []).Select(RoleText.NormaliseTerm)])));
            }
        }
        file.Ignore.ForEach(t => Add(t, new Term(TermKind.Ignore)));
        file.Stops.ForEach(t => Add(t, new Term(TermKind.Stop)));
        foreach (var q in file.Qualifiers)
        {
            FunctionOf(q);
        }
        var industries = new SectorFinder(sectors.Zip(file.Sectors).SelectMany(p => p.Second.Industries.Select(w => (w, p.First))));
        var names = new SectorFinder(sectors.Zip(file.Sectors).SelectMany(p => p.Second.Names.Select(w => (w, p.First))));
        return new Taxonomy(functions, levels, related, sectors, terms.ToFrozenDictionary(StringComparer.Ordinal), file.Examples,
            file.Qualifiers.ToFrozenSet(StringComparer.Ordinal), industries, names);
    }

    private static TaxonomyFile Merge(List<TaxonomyFile> parts)
    {
        var merged = new TaxonomyFile();
        foreach (var part in parts)
        {
            merged.Levels.AddRange(part.Levels);
            merged.Modifiers.AddRange(part.Modifiers);
            foreach (var function in part.Functions)
            {
                // A sector file may add words to a corporate function that already covers its floor ("warehouse shift").
                if (merged.Functions.Find(f => f.Id == function.Id) is { } existing)
                {
                    existing.Terms.AddRange(function.Terms);
                    existing.Related.AddRange(function.Related);
                    existing.Specialties.AddRange(function.Specialties);
                }
                else
                {
                    merged.Functions.Add(function);
                }
            }
            merged.Sectors.AddRange(part.Sectors);
            merged.Qualifiers.AddRange(part.Qualifiers);
            merged.Roles.AddRange(part.Roles);
            merged.Workers.AddRange(part.Workers);
            merged.Senses.AddRange(part.Senses);
            merged.Ignore.AddRange(part.Ignore);
            merged.Stops.AddRange(part.Stops);
            merged.Examples.AddRange(part.Examples);
        }
        return merged;
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
    Sense,
    SectorWord,
}

/// <summary>What a word or phrase of the taxonomy means.</summary>
/// <param name="Level">The level a level word, role or worker word carries; for a modifier, the level it means when it modifies nothing ("Marketing Associate").</param>
/// <param name="Functions">For a role with several, the readings of an ambiguous abbreviation; for a worker word, its usual function.</param>
/// <param name="Changes">For a modifier, how it moves the level word after it (by rank).</param>
/// <param name="SectorChanges">For a modifier, how it moves the level of a sector family's head ("Assistant Superintendent").</param>
/// <param name="Fixed">For a worker word, that its function wins over any other the title names.</param>
/// <param name="Sense">For a word whose meaning depends on context, its readings.</param>
/// <param name="Sector">For a sector word, the sector it names.</param>
/// <param name="Meaning">For a role read from a word with several senses, the sense taken ("a school principal").</param>
internal sealed record Term(
    TermKind Kind,
    SeniorityLevel? Level = null,
    IReadOnlyList<JobFunction>? Functions = null,
    string? Specialty = null,
    IReadOnlyList<string>? ReadAs = null,
    FrozenDictionary<int, SeniorityLevel>? Changes = null,
    bool Fixed = false,
    Sense? Sense = null,
    Sector? Sector = null,
    FrozenDictionary<int, SeniorityLevel>? SectorChanges = null,
    string? Meaning = null);
