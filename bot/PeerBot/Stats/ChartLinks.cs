using System.Globalization;
using PeerBot.Conversations;

namespace PeerBot.Stats;

/// <summary>
/// Slack shows an image only from a URL it can fetch (Teams cards take the PNG inline). The link carries the three
/// counts in a sealed token and the bot draws the chart when Slack asks: nothing is stored, and the link shows
/// nothing but those counts.
/// </summary>
public sealed class ChartLinks(SealedLinks links)
{
    public const string Path = "stats/chart";
    private const string Purpose = "PeerBot.Stats.Chart";

    // Slack fetches the image when the message is posted and may fetch it again while the message is shown.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A link for the chart, or null when the bot has no public HTTPS address Slack could fetch it from.</summary>
    public string? Create(IReadOnlyList<int> counts) =>
        links.IsPublic ? links.Create(Purpose, Path, string.Join(',', counts.Select(c => c.ToString(CultureInfo.InvariantCulture))), Lifetime, ".png") : null;

    /// <summary>The counts sealed in the token, or null when it is forged, altered or expired.</summary>
    public IReadOnlyList<int>? Open(string token)
    {
        var parts = links.Open(Purpose, token)?.Split(',');
        if (parts is null || parts.Length is 0 or > 8)
        {
            return null;
        }
        var counts = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }
            counts.Add(count);
        }
        return counts;
    }
}
