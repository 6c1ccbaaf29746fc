using System.Globalization;
using System.Text;
using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// Searches one evaluation set with /findpeer's engine and with the BM25 keyword baseline over the same titles (given
/// the same exclusions), and scores both; also scores the normaliser on the set's labelled titles.
/// </summary>
public sealed record EvaluationRun(EvaluationSet Set, RankingMetrics Ours, RankingMetrics Bm25, double FunctionF1, double LevelF1,
    IReadOnlyList<string> Disagreements, IReadOnlyList<string> Misses, IReadOnlyList<string> BelowFullMarks)
{
    public static EvaluationRun Of(EvaluationSet set)
    {
        using var directory = new PeerDirectory();
        foreach (var peer in set.Directory)
        {
            directory.Upsert(peer);
        }
        using var bm25 = new Bm25Titles(set.Directory.Select(p => p.Title));

        var engine = new List<(IReadOnlyList<int>, IReadOnlyList<bool>, IReadOnlyList<int>)>();
        var baseline = new List<(IReadOnlyList<int>, IReadOnlyList<bool>, IReadOnlyList<int>)>();
        var misses = new List<string>();
        var belowFullMarks = new List<string>();
        foreach (var query in set.Queries)
        {
            var asker = query.AskerId is null ? null : set.Directory.Single(p => p.Id == query.AskerId);
            var eligible = set.Directory.Where(p => asker is null || !EvaluationSet.SameOrganization(asker, p)).Select(p => set.Relevance(query, p)).ToList();

            var request = asker is null
                ? new SearchRequest(query.Text, null, null, null, null, RankingMetrics.K)
                : new SearchRequest(query.Text, asker.Id, asker.OrganizationKey, asker.EmailDomain, asker, RankingMetrics.K);
            var found = directory.Search(request).Matches.Select(m => m.Peer).ToList();
            engine.Add(Judge(set, query, asker, found, eligible));
            if (RankingMetrics.Of([engine[^1]]).NdcgAt5 < 0.9995)
            {
                belowFullMarks.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{query.Text}'{(asker is null ? "" : $" as {asker.Title}")}: nDCG@5 {RankingMetrics.Of([engine[^1]]).NdcgAt5:0.000}; {string.Join(", ", found.Select(p => $"'{p.Title}' {set.Relevance(query, p)}"))}"));
            }
            if (found.Count == 0 || set.Relevance(query, found[0]) == 0)
            {
                misses.Add($"'{query.Text}'{(asker is null ? "" : $" as {asker.Title} ({asker.Organization})")}: first result {(found.Count == 0 ? "none" : $"'{found[0].Title}' ({found[0].Organization})")}");
            }

            var hits = bm25.Search(query.Text, 200).Select(i => set.Directory[i])
                .Where(p => asker is null || !EvaluationSet.SameOrganization(asker, p)).Take(RankingMetrics.K).ToList();
            baseline.Add(Judge(set, query, asker, hits, eligible));
        }
        var (functionF1, levelF1, disagreements) = NormaliserF1(set);
        return new EvaluationRun(set, RankingMetrics.Of(engine), RankingMetrics.Of(baseline), functionF1, levelF1, disagreements, misses, belowFullMarks);
    }

    /// <summary>The table the tests print (and docs/matching.md quotes), with what the normaliser and the ranking got wrong.</summary>
    public string Report()
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Matching evaluation, {Set.Name}: {Set.Queries.Count} queries over {Set.Directory.Count} profiles; normaliser on {Set.Titles.Count} labelled titles")
            .AppendLine("| metric                         | PeerBot matching | Lucene BM25 (titles) |")
            .AppendLine("|--------------------------------|------------------|----------------------|")
            .AppendLine(Row("nDCG@5", Ours.NdcgAt5, Bm25.NdcgAt5))
            .AppendLine(Row("P@5 (relevance >= 2)", Ours.PrecisionAt5, Bm25.PrecisionAt5))
            .AppendLine(Row("bad top-1 rate", Ours.BadTop1Rate, Bm25.BadTop1Rate))
            .AppendLine(Row("same-organization leak rate", Ours.SameOrganizationLeakRate, Bm25.SameOrganizationLeakRate))
            .AppendLine(Row("normaliser macro-F1, function", FunctionF1, null))
            .AppendLine(Row("normaliser macro-F1, level", LevelF1, null))
            .AppendLine(CultureInfo.InvariantCulture, $"nDCG@5 ratio to BM25: {Ours.NdcgAt5 / Bm25.NdcgAt5:0.00}");
        table.AppendLine(CultureInfo.InvariantCulture, $"Titles the normaliser reads differently from their label ({Disagreements.Count}):");
        foreach (var d in Disagreements)
        {
            table.AppendLine("  " + d);
        }
        table.AppendLine(CultureInfo.InvariantCulture, $"Queries below full marks ({BelowFullMarks.Count}), with each result's grade:");
        foreach (var q in BelowFullMarks)
        {
            table.AppendLine("  " + q);
        }
        if (Misses.Count > 0)
        {
            table.AppendLine("Bad first results:");
            foreach (var m in Misses)
            {
                table.AppendLine("  " + m);
            }
        }
        return table.ToString();
    }

    private static (IReadOnlyList<int>, IReadOnlyList<bool>, IReadOnlyList<int>) Judge(EvaluationSet set, LabelledQuery query, Peer? asker, List<Peer> found, List<int> eligible) =>
        (found.Select(p => set.Relevance(query, p)).ToList(),
         found.Select(p => asker is not null && EvaluationSet.SameOrganization(asker, p)).ToList(),
         eligible);

    private static (double Function, double Level, List<string> Disagreements) NormaliserF1(EvaluationSet set)
    {
        var disagreements = new List<string>();
        var reader = new RoleReader(Taxonomy.Default);
        var functions = new List<(IReadOnlySet<string>, IReadOnlySet<string>)>();
        var levels = new List<(IReadOnlySet<string>, IReadOnlySet<string>)>();
        foreach (var (holder, label) in set.Titles)
        {
            var readings = reader.ReadTitle(holder.Title, Taxonomy.Default.SectorOf(holder.Industry, holder.Organization)).Readings;
            functions.Add((label.Functions, readings.Select(r => r.Function.Id).ToHashSet()));
            var readLevels = readings.Select(r => r.Level?.Id ?? "none").ToHashSet();
            levels.Add((new HashSet<string> { label.Level }, readLevels));
            var readFunctions = readings.Select(r => r.Function.Id).ToHashSet();
            if (!readFunctions.SetEquals(label.Functions) || !readLevels.SetEquals([label.Level]))
            {
                var at = holder.Organization.Length == 0 ? "" : $" at {holder.Organization} ({(holder.Industry.Length == 0 ? "no industry" : holder.Industry)})";
                disagreements.Add($"'{holder.Title}'{at}: labelled {string.Join("+", label.Functions)}/{label.Level}, read as {string.Join(" | ", readings.Select(r => $"{r.Function.Id}/{r.Level?.Id}"))}");
            }
        }
        return (MacroF1.Of(functions), MacroF1.Of(levels), disagreements);
    }

    private static string Row(string name, double ours, double? theirs) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name,-30} | {ours,16:0.000} | {(theirs is { } t ? t.ToString("0.000", CultureInfo.InvariantCulture) : "–"),20} |");
}
