using System.Globalization;
using System.Text;
using PeerBot.Matching;
using PeerBot.Profiles;
using Xunit.Abstractions;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// Measures /findpeer against hand-labelled data and against a BM25 keyword baseline over the same
/// titles, and holds the engine to its targets. The table is printed on every run.
/// </summary>
public sealed class MatchingEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationSet> Set = new(EvaluationSet.Load);

    [Fact]
    public void The_evaluation_set_is_big_enough_and_fully_labelled()
    {
        var set = Set.Value;
        Assert.True(set.Titles.Count >= 150, $"{set.Titles.Count} labelled titles");
        Assert.True(set.Queries.Count >= 60, $"{set.Queries.Count} labelled queries");
        Assert.All(set.Directory, p => set.LabelOf(p));
        Assert.All(set.Titles.Values, l => EvaluationSet.Rank(l.Level));
        var functions = Taxonomy.Default.Functions.Select(f => f.Id).ToHashSet();
        Assert.All(set.Titles.Values.SelectMany(l => l.Functions).Concat(set.Queries.Select(q => q.Function)), f => Assert.Contains(f, functions));
        Assert.All(set.Queries.Where(q => q.AskerId is not null), q => Assert.Contains(set.Directory, p => p.Id == q.AskerId));
        // Word overlap must not be enough: few profiles carry a query's exact wording.
        var wordings = set.Queries.Select(q => q.Text.ToLowerInvariant()).ToHashSet();
        Assert.True(set.Directory.Count(p => wordings.Contains(p.Title.ToLowerInvariant())) < set.Directory.Count / 10);
    }

    [Fact]
    public void Matching_beats_its_targets_and_the_keyword_baseline()
    {
        var set = Set.Value;
        using var directory = new PeerDirectory();
        foreach (var peer in set.Directory)
        {
            directory.Upsert(peer);
        }
        using var bm25 = new Bm25Titles(set.Directory.Select(p => p.Title));

        var engine = new List<(IReadOnlyList<int>, IReadOnlyList<bool>, IReadOnlyList<int>)>();
        var baseline = new List<(IReadOnlyList<int>, IReadOnlyList<bool>, IReadOnlyList<int>)>();
        var misses = new StringBuilder();
        foreach (var query in set.Queries)
        {
            var asker = query.AskerId is null ? null : set.Directory.Single(p => p.Id == query.AskerId);
            var eligible = set.Directory.Where(p => asker is null || !EvaluationSet.SameOrganization(asker, p)).Select(p => set.Relevance(query, p)).ToList();

            var request = asker is null
                ? new SearchRequest(query.Text, null, null, null, null, RankingMetrics.K)
                : new SearchRequest(query.Text, asker.Id, asker.OrganizationKey, asker.EmailDomain, asker, RankingMetrics.K);
            var found = directory.Search(request).Matches.Select(m => m.Peer).ToList();
            engine.Add(Judge(set, query, asker, found, eligible));
            if (found.Count == 0 || set.Relevance(query, found[0]) == 0)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"  '{query.Text}': first result {(found.Count == 0 ? "none" : $"'{found[0].Title}'")}");
            }

            // The baseline gets the same exclusions, so only ranking is compared.
            var hits = bm25.Search(query.Text, 200).Select(i => set.Directory[i])
                .Where(p => asker is null || !EvaluationSet.SameOrganization(asker, p)).Take(RankingMetrics.K).ToList();
            baseline.Add(Judge(set, query, asker, hits, eligible));
        }
        var ours = RankingMetrics.Of(engine);
        var theirs = RankingMetrics.Of(baseline);
        var (functionF1, levelF1, disagreements) = NormaliserF1(set);

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Matching evaluation: {set.Queries.Count} queries over {set.Directory.Count} profiles; normaliser on {set.Titles.Count} labelled titles")
            .AppendLine("| metric                         | PeerBot matching | Lucene BM25 (titles) |")
            .AppendLine("|--------------------------------|------------------|----------------------|")
            .AppendLine(Row("nDCG@5", ours.NdcgAt5, theirs.NdcgAt5))
            .AppendLine(Row("P@5 (relevance >= 2)", ours.PrecisionAt5, theirs.PrecisionAt5))
            .AppendLine(Row("bad top-1 rate", ours.BadTop1Rate, theirs.BadTop1Rate))
            .AppendLine(Row("same-organization leak rate", ours.SameOrganizationLeakRate, theirs.SameOrganizationLeakRate))
            .AppendLine(Row("normaliser macro-F1, function", functionF1, null))
            .AppendLine(Row("normaliser macro-F1, level", levelF1, null))
            .AppendLine(CultureInfo.InvariantCulture, $"nDCG@5 ratio to BM25: {ours.NdcgAt5 / theirs.NdcgAt5:0.00} (target >= 1.15)");
        table.AppendLine(CultureInfo.InvariantCulture, $"Titles the normaliser reads differently from their label ({disagreements.Count}):");
        foreach (var d in disagreements)
        {
            table.AppendLine("  " + d);
        }
        if (misses.Length > 0)
        {
            table.AppendLine("Bad first results:").Append(misses);
        }
        output.WriteLine(table.ToString());
        Console.WriteLine(table.ToString());

        Assert.True(ours.NdcgAt5 >= 0.90, $"nDCG@5 {ours.NdcgAt5:0.000} < 0.90");
        Assert.Equal(0, ours.BadTop1Rate);
        Assert.Equal(0, ours.SameOrganizationLeakRate);
        Assert.True(ours.NdcgAt5 >= 1.15 * theirs.NdcgAt5, $"nDCG@5 {ours.NdcgAt5:0.000} is not 1.15 × BM25's {theirs.NdcgAt5:0.000}");
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
        foreach (var (title, label) in set.Titles)
        {
            var readings = reader.ReadTitle(title).Readings;
            functions.Add((label.Functions, readings.Select(r => r.Function.Id).ToHashSet()));
            var readLevels = readings.Select(r => r.Level?.Id ?? "none").ToHashSet();
            levels.Add((new HashSet<string> { label.Level }, readLevels));
            var readFunctions = readings.Select(r => r.Function.Id).ToHashSet();
            if (!readFunctions.SetEquals(label.Functions) || !readLevels.SetEquals([label.Level]))
            {
                disagreements.Add($"'{title}': labelled {string.Join("+", label.Functions)}/{label.Level}, read as {string.Join(" | ", readings.Select(r => $"{r.Function.Id}/{r.Level?.Id}"))}");
            }
        }
        return (MacroF1.Of(functions), MacroF1.Of(levels), disagreements);
    }

    private static string Row(string name, double ours, double? theirs) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name,-30} | {ours,16:0.000} | {(theirs is { } t ? t.ToString("0.000", CultureInfo.InvariantCulture) : "–"),20} |");
}
