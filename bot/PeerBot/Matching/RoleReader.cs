namespace PeerBot.Matching;

/// <summary>
/// Reads free text ("V.P. of Mktg", "Director, Marketing", "Co-founder &amp; CTO") into roles of the
/// <see cref="Taxonomy"/>. A title may hold several roles; an ambiguous abbreviation gives one reading
/// per meaning, each with lower confidence.
/// </summary>
public sealed class RoleReader(Taxonomy taxonomy)
{
    private readonly HashSet<string> _knownWords = new(taxonomy.Terms.Keys.SelectMany(k => k.Split(' ')), StringComparer.Ordinal);

    public Taxonomy Taxonomy { get; } = taxonomy;

    /// <summary>Reads a member's title. Words after "at" or "to" name an employer or a boss, not the role.</summary>
    public RoleRead ReadTitle(string title) => Read(title, isQuery: false);

    /// <summary>Reads what someone typed after /findpeer (without filters).</summary>
    public RoleRead ReadQuery(string query) => Read(query, isQuery: true);

    private RoleRead Read(string text, bool isQuery)
    {
        var words = RoleText.Words(text);
        var corrections = new List<(string From, string To)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] != RoleText.Break && !_knownWords.Contains(words[i]) && Typos.Correct(words[i], Taxonomy.Vocabulary) is { } corrected)
            {
                corrections.Add((words[i], corrected));
                words[i] = corrected;
            }
        }
        var mentions = Scan(words, isQuery);
        ResolveModifiers(mentions);
        return Resolve(mentions, isQuery, corrections);
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
                if (modifier.Changes!.TryGetValue(level.Rank, out var changed))
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

    private RoleRead Resolve(List<Mention> mentions, bool isQuery, List<(string From, string To)> corrections)
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
                readings.Add(new RoleReading(functions[k], roleLevel, null, confidence / functions.Count, readAs));
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
        if (readings.Count == 0 && level is not null)
        {
            if (isQuery)
            {
                levelOnly = level;
            }
            else
            {
                // A bare "Vice President" or "Director" most often runs a business or a site.
                readings.Add(new RoleReading(Taxonomy.Function("general-management"), level, null, confidence * 0.5));
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
        return new RoleRead(distinct, levelOnly, corrections);
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
                if (m.Term is { Kind: not TermKind.Ignore })
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
