namespace PeerBot.Matching;

/// <summary>
/// Reads free text ("V.P. of Mktg", "Director, Marketing", "Co-founder &amp; CTO", "Charge Nurse, ICU") into roles of
/// the <see cref="Taxonomy"/>. A title may hold several roles; an ambiguous abbreviation gives one reading per meaning,
/// each with lower confidence. A word whose meaning depends on context ("principal", "superintendent") is read by its
/// neighbours, then by the sector of the organization or of the asker, then by its most common meaning.
/// </summary>
public sealed class RoleReader(Taxonomy taxonomy)
{
    private readonly HashSet<string> _knownWords = new(taxonomy.Terms.Keys.SelectMany(k => k.Split(' ')), StringComparer.Ordinal);
    private readonly Dictionary<string, Sector> _sectorById = taxonomy.Sectors.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public Taxonomy Taxonomy { get; } = taxonomy;

    /// <summary>Reads a member's title, at an organization of <paramref name="sector"/> when known. Words after "at" or "to" name an employer or a boss, not the role.</summary>
    public RoleRead ReadTitle(string title, Sector? sector = null) => Read(title, isQuery: false, new QueryContext(sector, []));

    /// <summary>Reads what someone typed after /findpeer (without filters), in the asker's context when known.</summary>
    public RoleRead ReadQuery(string query, QueryContext? context = null) => Read(query, isQuery: true, context ?? QueryContext.None);

    /// <summary>True when the word is part of some taxonomy term (after folding).</summary>
    public bool Knows(string word) => _knownWords.Contains(word);

    private RoleRead Read(string text, bool isQuery, QueryContext context)
    {
        var words = RoleText.Words(text);
        var corrections = new List<(string From, string To)>();
        var unknown = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == RoleText.Break || _knownWords.Contains(words[i]))
            {
                continue;
            }
            if (Typos.Correct(words[i], Taxonomy.Vocabulary) is { } corrected)
            {
                corrections.Add((words[i], corrected));
                words[i] = corrected;
            }
            else
            {
                unknown.Add(words[i]);
            }
        }
        var mentions = Scan(words, isQuery);
        var textSector = SectorNamed(mentions);
        var (senses, senseDependsOnSector) = ResolveSenses(mentions, words, textSector, context.Sector);
        ResolveModifiers(mentions);
        var read = Resolve(mentions, isQuery, corrections, textSector, context);
        return read with { Senses = senses, UnknownWords = unknown, SectorNamed = textSector, DependsOnSector = read.DependsOnSector || senseDependsOnSector };
    }

    private List<Mention> Scan(List<string> words, bool isQuery)
    {
        var mentions = new List<Mention>();
        var i = 0;
        while (i < words.Count)
        {
            if (words[i] == RoleText.Break)
            {
                mentions.Add(new Mention(null, IsBreak: true));
                i++;
                continue;
            }
            var matched = 0;
            Term? term = null;
            var end = i;
            while (end < words.Count && words[end] != RoleText.Break && end - i < Taxonomy.LongestTerm)
            {
                end++;
            }
            for (var n = end - i; n >= 1; n--)
            {
                var key = n == 1 ? words[i] : string.Join(' ', words.GetRange(i, n));
                if (Taxonomy.Terms.TryGetValue(key, out term))
                {
                    matched = n;
                    break;
                }
            }
            if (term is null)
            {
                // "and" between two functions names two roles; elsewhere it is filler.
                mentions.Add(new Mention(null, IsBreak: words[i] is "and" or "or"));
                i++;
                continue;
            }
            if (term.Kind == TermKind.Stop && !isQuery && mentions.Exists(m => m.Term is { Kind: not TermKind.Ignore and not TermKind.Stop }))
            {
                break;
            }
            mentions.Add(new Mention(term));
            i += matched;
        }
        return mentions;
    }

    // A sector word ("nonprofit") names the sector; failing that, a family that belongs to one ("hotel", "school").
    private Sector? SectorNamed(List<Mention> mentions)
    {
        foreach (var m in mentions)
        {
            if (m.Term is { Kind: TermKind.SectorWord, Sector: { } sector })
            {
                return sector;
            }
        }
        foreach (var m in mentions)
        {
            if (m.Term is { Kind: TermKind.Function or TermKind.Role or TermKind.Worker, Functions: { Count: > 0 } functions }
                && functions[0].Sector is { } id && _sectorById.TryGetValue(id, out var sector))
            {
                return sector;
            }
        }
        return null;
    }

    /// <summary>
    /// Replaces each word with several meanings by the meaning its context selects: a neighbouring word or a family
    /// named beside it; else its plain sense when the title names another function ("Principal Engineer"); else the
    /// sector named in the text, then the sector of the organization or asker; else its most common meaning.
    /// </summary>
    private static (List<SenseChoice> Choices, bool DependsOnSector) ResolveSenses(List<Mention> mentions, List<string> words, Sector? textSector, Sector? contextSector)
    {
        var choices = new List<SenseChoice>();
        var dependsOnSector = false;
        if (!mentions.Exists(m => m.Term is { Kind: TermKind.Sense }))
        {
            return (choices, false);
        }
        var joined = " " + string.Join(' ', words) + " ";
        var present = new HashSet<int>();
        foreach (var m in mentions)
        {
            if (m.Term is { Kind: TermKind.Function or TermKind.Role or TermKind.Worker, Functions: { } functions })
            {
                foreach (var f in functions)
                {
                    present.Add(f.Index);
                }
            }
        }
        for (var i = 0; i < mentions.Count; i++)
        {
            if (mentions[i].Term is not { Kind: TermKind.Sense, Sense: { } sense })
            {
                continue;
            }
            var readings = sense.Readings;
            SenseReading? chosen = null;
            var by = SenseDecider.Neighbour;
            foreach (var r in readings)
            {
                if (Array.Exists(r.Cues, c => joined.Contains(" " + c + " ", StringComparison.Ordinal)))
                {
                    chosen = r;
                    break;
                }
            }
            // A neighbour can also select the plain sense: a "General Manager, Consumer Division" runs a business unit,
            // even at a company whose industry is logistics.
            var plain = chosen is null && sense.Plain is not null && Array.Exists(sense.PlainCues, c => joined.Contains(" " + c + " ", StringComparison.Ordinal));
            // A family named beside the word settles it ("Police Superintendent"). A reading that gives only a function
            // needs its sector too: "Operations Manager, Fulfillment Center" at a warehouse is warehouse operations, but
            // "Supply Chain & Operations" at a software company names two functions.
            foreach (var r in readings)
            {
                if (chosen is not null || plain || !present.Contains(r.Function.Index))
                {
                    continue;
                }
                if (r.Level is null && r.Sectors.Count > 0)
                {
                    dependsOnSector = true;
                }
                if (r.Level is not null || (textSector is not null && r.Sectors.Contains(textSector)) || (contextSector is not null && r.Sectors.Contains(contextSector)))
                {
                    chosen = r;
                }
            }
            if (chosen is null && !plain && sense.Plain is not null && present.Count > 0)
            {
                plain = true;
                by = SenseDecider.OtherFunction;
            }
            if (chosen is null && !plain && textSector is not null)
            {
                chosen = FirstIn(readings, textSector);
            }
            if (chosen is null && !plain)
            {
                // From here on the reading depends on where the word is used.
                dependsOnSector = true;
                by = SenseDecider.Sector;
                if (contextSector is not null)
                {
                    chosen = FirstIn(readings, contextSector);
                    // A sector that knows no special reading keeps the word's plain sense ("Principal" at a software company).
                    plain = chosen is null && sense.Plain is not null;
                }
                if (chosen is null && !plain)
                {
                    chosen = readings.FirstOrDefault(r => r.IsDefault);
                    by = SenseDecider.Default;
                }
            }
            mentions[i] = new Mention(chosen?.Term ?? sense.Plain ?? IgnoreTerm);
            if (readings.Count > 0 && (chosen is not null || sense.Plain is not null))
            {
                var others = readings.Where(r => r != chosen && r.Query is not null).Select(r => r.Query!).ToList();
                if (chosen is not null && sense.PlainQuery is not null)
                {
                    others.Add(sense.PlainQuery);
                }
                choices.Add(new SenseChoice(sense.Text, chosen?.Name ?? sense.PlainName, by, others));
            }
        }
        return (choices, dependsOnSector);
    }

    private static readonly Term IgnoreTerm = new(TermKind.Ignore);

    private static SenseReading? FirstIn(IReadOnlyList<SenseReading> readings, Sector sector)
    {
        foreach (var r in readings)
        {
            if (r.Sectors.Contains(sector))
            {
                return r;
            }
        }
        return null;
    }

    // "Senior" raises the level word after it; "Associate" lowers it, or is a level of its own when nothing follows.
    private static void ResolveModifiers(List<Mention> mentions)
    {
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            if (mentions[i].Term is not { Kind: TermKind.Modifier } modifier)
            {
                continue;
            }
            var target = -1;
            for (var j = i + 1; j < mentions.Count; j++)
            {
                if (mentions[j].Level is not null && mentions[j].Term!.Kind is TermKind.Level or TermKind.Worker or TermKind.Role or TermKind.Modifier)
                {
                    target = j;
                    break;
                }
            }
            if (target >= 0)
            {
                var level = mentions[target].Level!;
                var headsASector = mentions[target].Term is { Kind: TermKind.Role, Functions: [{ Sector: not null }] };
                var changes = headsASector && modifier.SectorChanges is { Count: > 0 } sectorChanges && sectorChanges.ContainsKey(level.Rank) ? sectorChanges : modifier.Changes!;
                if (changes.TryGetValue(level.Rank, out var changed))
                {
                    mentions[target] = mentions[target] with { Level = changed };
                }
                mentions[i] = new Mention(null);
            }
            else
            {
                mentions[i] = mentions[i] with { Level = modifier.Level };
            }
        }
    }

    private RoleRead Resolve(List<Mention> mentions, bool isQuery, List<(string From, string To)> corrections, Sector? textSector, QueryContext context)
    {
        var readings = new List<RoleReading>();
        var confidence = corrections.Count > 0 ? 0.9 : 1.0;
        SeniorityLevel? level = null;
        SeniorityLevel? stated = null;
        var workerFunctions = new List<JobFunction>();
        JobFunction? fixedFunction = null;
        var roles = new List<Mention>();
        foreach (var m in mentions)
        {
            switch (m.Term?.Kind)
            {
                case TermKind.Role:
                    roles.Add(m);
                    break;
                case TermKind.Level or TermKind.Worker or TermKind.Modifier when m.Level is not null:
                    if (level is null || m.Level.Rank > level.Rank)
                    {
                        level = m.Level;
                    }
                    if (m.Term!.Kind == TermKind.Level && (stated is null || m.Level.Rank > stated.Rank))
                    {
                        stated = m.Level;
                    }
                    if (m.Term.Kind == TermKind.Worker && m.Term.Functions is [var usual])
                    {
                        workerFunctions.Add(usual);
                        fixedFunction ??= m.Term.Fixed ? usual : null;
                    }
                    break;
            }
        }

        // A level written beside a role below the top raises it: "SDR Team Lead", "SVP & General Manager".
        var levelTaken = false;
        foreach (var m in roles)
        {
            var roleLevel = m.Level!;
            if (stated is not null && stated.Rank > roleLevel.Rank && roleLevel.Rank < Taxonomy.Levels.Count - 1)
            {
                roleLevel = stated;
                levelTaken = true;
            }
            var functions = m.Term!.Functions!;
            for (var k = 0; k < functions.Count; k++)
            {
                var readAs = m.Term.ReadAs is { Count: > 0 } names ? names[k] : null;
                readings.Add(new RoleReading(functions[k], roleLevel, null, confidence / functions.Count, readAs, m.Term.Meaning));
            }
        }
        var hasRole = roles.Count > 0;

        var groups = fixedFunction is null ? FunctionGroups(mentions) : [(fixedFunction, null)];
        if (groups.Count > 0 && !(hasRole && (level is null || levelTaken)))
        {
            foreach (var (function, specialty) in groups)
            {
                readings.Add(GroupReading(function, specialty, level, isQuery, confidence));
            }
        }
        else if (groups.Count == 0 && !hasRole && workerFunctions.Count > 0)
        {
            foreach (var function in workerFunctions.Distinct())
            {
                readings.Add(GroupReading(function, null, level, isQuery, confidence));
            }
        }

        SeniorityLevel? levelOnly = null;
        AreaSource? area = null;
        var dependsOnSector = false;
        if (readings.Count == 0 && level is not null)
        {
            if (textSector?.Family is { } named)
            {
                readings.Add(new RoleReading(named, level, null, confidence));
                area = AreaSource.Query;
            }
            else if (isQuery && context.OwnFunctions.Count > 0)
            {
                foreach (var own in context.OwnFunctions)
                {
                    readings.Add(new RoleReading(own, level, null, confidence * 0.8));
                }
                area = AreaSource.AskerFunction;
            }
            else if (context.Sector?.Family is { } family)
            {
                // "Shift Supervisor" at a store supervises a store's shift.
                readings.Add(new RoleReading(family, level, null, confidence * 0.8));
                area = AreaSource.AskerSector;
                dependsOnSector = true;
            }
            else if (isQuery)
            {
                levelOnly = level;
            }
            else
            {
                // A bare "Vice President" or "Director" most often runs a business or a site.
                readings.Add(new RoleReading(Taxonomy.Function("general-management"), level, null, confidence * 0.5));
                dependsOnSector = true;
            }
        }

        var distinct = new List<RoleReading>();
        foreach (var r in readings)
        {
            var same = distinct.FindIndex(d => d.Function == r.Function && d.Level == r.Level);
            if (same < 0)
            {
                distinct.Add(r);
            }
            else if (distinct[same].Specialty is null && r.Specialty is not null)
            {
                distinct[same] = distinct[same] with { Specialty = r.Specialty };
            }
        }
        return new RoleRead(distinct, levelOnly, corrections) { AreaFrom = isQuery ? area : null, DependsOnSector = dependsOnSector };
    }

    private RoleReading GroupReading(JobFunction function, string? specialty, SeniorityLevel? level, bool isQuery, double confidence)
    {
        if (level is null && !isQuery)
        {
            // "Marketing" alone on a profile: most likely someone who does the work rather than leads it.
            return new RoleReading(function, Taxonomy.Levels[0], specialty, confidence * 0.6);
        }
        return new RoleReading(function, level, specialty, confidence);
    }

    /// <summary>
    /// Functions named in the text. Functions joined by "and", "&amp;", "/" or a comma are separate roles;
    /// functions written side by side are one ("Product Engineering" is engineering, "Finance Operations" is finance).
    /// </summary>
    private List<(JobFunction Function, string? Specialty)> FunctionGroups(List<Mention> mentions)
    {
        var groups = new List<(JobFunction Function, string? Specialty)>();
        var last = -1;
        foreach (var m in mentions)
        {
            if (m.IsBreak)
            {
                last = -1;
                continue;
            }
            if (m.Term is not { Kind: TermKind.Function } term)
            {
                if (m.Term is { Kind: not TermKind.Ignore and not TermKind.SectorWord })
                {
                    last = -1;
                }
                continue;
            }
            var function = term.Functions![0];
            if (last >= 0)
            {
                var (previous, previousSpecialty) = groups[last];
                if (previous == function)
                {
                    groups[last] = (previous, previousSpecialty ?? term.Specialty);
                    continue;
                }
                if (term.Specialty is null && Taxonomy.Qualifiers.Contains(function.Id))
                {
                    groups[last] = (previous, previousSpecialty ?? function.Id);
                    continue;
                }
                groups.RemoveAt(last);
            }
            last = groups.FindIndex(g => g.Function == function);
            if (last < 0)
            {
                groups.Add((function, term.Specialty));
                last = groups.Count - 1;
            }
        }
        return groups;
    }

    private sealed record Mention(Term? Term, bool IsBreak = false)
    {
        public SeniorityLevel? Level { get; init; } = Term?.Level;
    }
}
