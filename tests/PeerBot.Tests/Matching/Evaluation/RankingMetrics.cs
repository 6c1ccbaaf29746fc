namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>Ranking quality of one engine over the labelled queries.</summary>
public sealed record RankingMetrics(double NdcgAt5, double PrecisionAt5, double BadTop1Rate, double SameOrganizationLeakRate, int Queries)
{
    public const int K = 5;

    /// <param name="results">Per query: the relevance of each returned peer (best first), whether each is in the asker's organization, and every eligible peer's relevance.</param>
    public static RankingMetrics Of(IReadOnlyList<(IReadOnlyList<int> Returned, IReadOnlyList<bool> Leaked, IReadOnlyList<int> Eligible)> results)
    {
        double ndcg = 0, precision = 0;
        int badTop1 = 0, leaks = 0, returned = 0;
        foreach (var (got, leaked, eligible) in results)
        {
            var ideal = Dcg(eligible.OrderDescending().Take(K).ToList());
            ndcg += ideal == 0 ? 0 : Dcg(got.Take(K).ToList()) / ideal;
            precision += got.Take(K).Count(r => r >= 2) / (double)K;
            // An empty answer when relevant peers exist is as bad as a wrong first result.
            if (got.Count == 0 || got[0] == 0)
            {
                badTop1++;
            }
            leaks += leaked.Take(K).Count(l => l);
            returned += Math.Min(K, got.Count);
        }
        var n = results.Count;
        return new RankingMetrics(ndcg / n, precision / n, badTop1 / (double)n, returned == 0 ? 0 : leaks / (double)returned, n);
    }

    private static double Dcg(List<int> relevances)
    {
        double dcg = 0;
        for (var i = 0; i < relevances.Count; i++)
        {
            dcg += (Math.Pow(2, relevances[i]) - 1) / Math.Log2(i + 2);
        }
        return dcg;
    }
}

/// <summary>Macro-averaged F1 over classes, for labels that may hold several classes (a title with two functions).</summary>
public static class MacroF1
{
    public static double Of(IReadOnlyList<(IReadOnlySet<string> Gold, IReadOnlySet<string> Predicted)> items)
    {
        var classes = items.SelectMany(i => i.Gold).Distinct().ToList();
        var total = 0.0;
        foreach (var c in classes)
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var (gold, predicted) in items)
            {
                var g = gold.Contains(c);
                var p = predicted.Contains(c);
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }
            total += tp == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn);
        }
        return total / classes.Count;
    }
}
