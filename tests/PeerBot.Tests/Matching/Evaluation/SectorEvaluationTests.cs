using Xunit.Abstractions;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// The sector set's development part (Sectors/dev): leaders in hospitals, schools, cities, stores, restaurants,
/// warehouses, plants, building sites and charities, searched in a directory that mixes them with the corporate
/// functions. The held-out part is scored by <see cref="HeldOutEvaluationTests"/> alone.
/// </summary>
public sealed class SectorEvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<EvaluationSet> Set = new(() => EvaluationSet.Sectors("dev"));

    [Fact]
    public void The_development_part_is_labelled_throughout()
    {
        SectorGoals.AssertWellFormed(Set.Value);
    }

    [Fact]
    public void The_set_is_big_enough_and_at_least_a_third_of_it_is_held_out()
    {
        // Only sizes are read from the held-out part here: its labels and results are scored by HeldOutEvaluationTests alone.
        var heldOut = EvaluationSet.Sectors("heldout");
        var titles = Set.Value.Titles.Count + heldOut.Titles.Count;
        var queries = Set.Value.Queries.Count + heldOut.Queries.Count;
        Assert.True(titles >= 300, $"{titles} labelled titles");
        Assert.True(queries >= 60, $"{queries} labelled queries");
        Assert.True(heldOut.Titles.Count * 3 >= titles, $"{heldOut.Titles.Count} of {titles} titles held out");
        Assert.True(heldOut.Queries.Count * 3 >= queries, $"{heldOut.Queries.Count} of {queries} queries held out");
        var families = Set.Value.Titles.SelectMany(t => t.Label.Functions).Distinct().Count();
        Assert.True(families >= 10, $"{families} role families");
    }

    [Fact]
    public void Matching_meets_the_sector_goals_on_the_development_part()
    {
        var run = EvaluationRun.Of(Set.Value);
        output.WriteLine(run.Report());
        Console.WriteLine(run.Report());
        SectorGoals.AssertMet(run);
    }
}

/// <summary>What the sector set must show, on either part.</summary>
internal static class SectorGoals
{
    public static void AssertWellFormed(EvaluationSet set)
    {
        Assert.All(set.Directory, p => set.LabelOf(p));
        Assert.All(set.Titles, t => EvaluationSet.Rank(t.Label.Level));
        Assert.All(set.Queries.Where(q => q.AskerId is not null), q => Assert.Contains(set.Directory, p => p.Id == q.AskerId));
        var wordings = set.Queries.Select(q => q.Text.ToLowerInvariant()).ToHashSet();
        Assert.True(set.Directory.Count(p => wordings.Contains(p.Title.ToLowerInvariant())) < set.Directory.Count / 10);
    }

    /// <summary>nDCG@5 at least 0.90 and 1.1 × BM25's, at most 2 % bad first results, and no same-organization leak.</summary>
    public static void AssertMet(EvaluationRun run)
    {
        Assert.True(run.Ours.NdcgAt5 >= 0.90, $"nDCG@5 {run.Ours.NdcgAt5:0.000} < 0.90");
        Assert.True(run.Ours.NdcgAt5 >= 1.1 * run.Bm25.NdcgAt5, $"nDCG@5 {run.Ours.NdcgAt5:0.000} is not 1.1 × BM25's {run.Bm25.NdcgAt5:0.000}");
        Assert.True(run.Ours.BadTop1Rate <= 0.02, $"bad top-1 rate {run.Ours.BadTop1Rate:0.000} > 0.02");
        Assert.Equal(0, run.Ours.SameOrganizationLeakRate);
    }
}
