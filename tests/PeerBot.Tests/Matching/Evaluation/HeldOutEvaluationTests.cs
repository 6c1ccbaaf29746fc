using Xunit.Abstractions;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>
/// The sector set's held-out part (Sectors/heldout): a third of the hand-made labels, split off before the role model
/// learnt the sectors and never used to develop it. Its figures are the honest ones; see Sectors/README.md.
/// </summary>
public sealed class HeldOutEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Matching_meets_the_sector_goals_on_the_held_out_part()
    {
        var set = EvaluationSet.Sectors("heldout");
        SectorGoals.AssertWellFormed(set);
        var run = EvaluationRun.Of(set);
        output.WriteLine(run.Report());
        Console.WriteLine(run.Report());
        SectorGoals.AssertMet(run);
    }
}
