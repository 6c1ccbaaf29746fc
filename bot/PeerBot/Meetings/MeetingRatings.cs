namespace PeerBot.Meetings;

/// <summary>The "Worth your time?" ratings for network statistics: only ever counted together, never per member.</summary>
public sealed class MeetingRatings(MeetingFeedbackStore feedback) : Stats.IMeetingRatings
{
    public async Task<IReadOnlyList<int>> RatingsBetweenAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var ratings = new List<int>();
        await foreach (var rating in feedback.RatingsAsync(since, until, cancellationToken))
        {
            ratings.Add(rating);
        }
        return ratings;
    }
}
