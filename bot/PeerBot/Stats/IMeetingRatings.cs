namespace PeerBot.Stats;

/// <summary>"Worth your time?" answers (1–5) given in a window, for the median in the statistics; never per member.</summary>
public interface IMeetingRatings
{
    Task<IReadOnlyList<int>> RatingsBetweenAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
