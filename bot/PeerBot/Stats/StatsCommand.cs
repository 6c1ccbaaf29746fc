using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Matching;

namespace PeerBot.Stats;

/// <summary>"peerbot stats" (admins only): intros requested, accepted and met in the last 30 days, with a chart.</summary>
public sealed class StatsCommand(NetworkStatistics statistics, Admins admins, ChartLinks charts, IEnumerable<IUnreadSearches> unreadSearches) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["stats", "statistics"];

    public string Usage => "peerbot stats";

    public string Description => "Admins: intros requested, accepted and met in the last 30 days, and searches PeerBot could not read.";

    /// <summary>How many of the most frequent unread searches the card lists (a Slack section holds ten fields).</summary>
    public const int UnreadShown = 10;

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        if (!await admins.AllowsAsync(context.Turn, cancellationToken))
        {
            await context.SendAsync(new TextReply("Only PeerBot admins can see network statistics."), cancellationToken);
            return;
        }
        var activity = await statistics.LastThirtyDaysAsync(cancellationToken);
        var unread = new List<UnreadSearch>();
        foreach (var source in unreadSearches)
        {
            unread.AddRange(await source.MostFrequentAsync(UnreadShown, cancellationToken));
        }
        int[] counts = [activity.Requested, activity.Accepted, activity.Met];
        var chart = BarChart.Render(counts);
        var metRate = activity.MetRate is { } rate ? rate.ToString("P0", CultureInfo.InvariantCulture) : "–";
        var median = activity.MedianRating is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) + " / 5" : "–";
        var summary = $"Last 30 days: {activity.Requested} intros requested, {activity.Accepted} accepted, {activity.Met} met (met rate {metRate}, median rating {median}).";
        if (unread.Count > 0)
        {
            summary += " Searches I could not read as a role: " + string.Join(", ", unread.OrderByDescending(u => u.Count).Take(3).Select(u => $"{u.Words} ({u.Count})")) + ".";
        }
        await context.SendAsync(new CardReply("stats", new JsonObject
        {
            ["from"] = activity.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            ["to"] = activity.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            ["requested"] = activity.Requested,
            ["accepted"] = activity.Accepted,
            ["met"] = activity.Met,
            ["metRate"] = metRate,
            ["medianRating"] = median,
            ["ratings"] = activity.Ratings,
            ["chart"] = "data:image/png;base64," + Convert.ToBase64String(chart),
            ["chartUrl"] = charts.Create(counts) ?? "",
            ["unread"] = new JsonArray([.. unread.OrderByDescending(u => u.Count).Take(UnreadShown).Select(u => (JsonNode?)new JsonObject { ["words"] = u.Words, ["count"] = u.Count })]),
        }, summary), cancellationToken);
    }
}
