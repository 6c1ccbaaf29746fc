using PeerBot.Matching;
using Xunit.Abstractions;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// Measures /findpeer on the corporate set against hand-labelled data and against a BM25 keyword baseline over the
/// same titles, and holds the engine to its targets. The table is printed on every run.
/// </summary>
public sealed class MatchingEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationSet> Set = new(EvaluationSet.Corporate);

    [Fact]
    public void The_evaluation_set_is_big_enough_and_fully_labelled()
    {
        var set = Set.Value;
        Assert.True(set.Titles.Count >= 150, $"{set.Titles.Count} labelled titles");
        Assert.True(set.Queries.Count >= 60, $"{set.Queries.Count} labelled queries");
        Assert.All(set.Directory, p => set.LabelOf(p));
        Assert.All(set.Titles, t => EvaluationSet.Rank(t.Label.Level));
        var functions = Taxonomy.Default.Functions.Select(f => f.Id).ToHashSet();
        Assert.All(set.Functions, f => Assert.Contains(f, functions));
        Assert.All(set.Queries.Where(q => q.AskerId is not null), q => Assert.Contains(set.Directory, p => p.Id == q.AskerId));
        // Word overlap must not be enough: few profiles carry a query's exact wording.
        var wordings = set.Queries.Select(q => q.Text.ToLowerInvariant()).ToHashSet();
        Assert.True(set.Directory.Count(p => wordings.Contains(p.Title.ToLowerInvariant())) < set.Directory.Count / 10);
    }

    [Fact]
    public void Matching_beats_its_targets_and_the_keyword_baseline()
    {
        var run = EvaluationRun.Of(Set.Value);
        output.WriteLine(run.Report());
        Console.WriteLine(run.Report());

        Assert.True(run.Ours.NdcgAt5 >= 0.95, $"nDCG@5 {run.Ours.NdcgAt5:0.000} < 0.95");
        Assert.Equal(0, run.Ours.BadTop1Rate);
        Assert.Equal(0, run.Ours.SameOrganizationLeakRate);
        Assert.True(run.Ours.NdcgAt5 >= 1.15 * run.Bm25.NdcgAt5, $"nDCG@5 {run.Ours.NdcgAt5:0.000} is not 1.15 × BM25's {run.Bm25.NdcgAt5:0.000}");
    }
}
