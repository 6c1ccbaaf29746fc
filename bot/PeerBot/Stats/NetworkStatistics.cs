namespace PeerBot.Stats;

/// <summary>Intro activity in a window: how many were requested, accepted, and reported as met.</summary>
public sealed record IntroActivity(int Requested, int Accepted, int Met, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The median "Worth your time?" rating in the window; null when nobody rated.</summary>
    public double? MedianRating { get; init; }

    public int Ratings { get; init; }

    /// <summary>Connections reported as met, per intro accepted in the window (at most 100 %); null without accepts.</summary>
    public double? MetRate => Accepted == 0 ? null : Math.Min(1.0, (double)Met / Accepted);

    public static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

/// <summary>A source of "did you meet?" answers (the follow-ups); none until a feature provides one.</summary>
public interface IMeetingReports
{
    Task<int> MetBetweenAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>Counts intro transitions in a window, straight from the introductions table.</summary>
public sealed class NetworkStatistics(Intros.IntroStore intros, IEnumerable<IMeetingReports> meetings, IEnumerable<IMeetingRatings> ratings, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public async Task<IntroActivity> LastThirtyDaysAsync(CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow();
        var from = to - Window;
        var requested = 0;
        var accepted = 0;
        await foreach (var intro in intros.AllAsync(cancellationToken))
        {
            requested += intro.History.Count(h => h.State == Intros.IntroState.Requested && h.At >= from);
            accepted += intro.History.Count(h => h.State == Intros.IntroState.Accepted && h.At >= from);
        }
        var met = 0;
        foreach (var source in meetings)
        {
            met += await source.MetBetweenAsync(from, to, cancellationToken);
        }
        var given = new List<int>();
        foreach (var source in ratings)
        {
            given.AddRange(await source.RatingsBetweenAsync(from, to, cancellationToken));
        }
        return new IntroActivity(requested, accepted, met, from, to) { MedianRating = IntroActivity.Median(given), Ratings = given.Count };
    }
}
