using System.Net;

namespace PeerBot.Tests.Slack;

/// <summary>
/// Slack shows images only from URLs it can fetch: with a public address the stats message carries a chart link
/// that the bot itself serves; without one the message has the numbers alone (Slack would refuse the message).
/// </summary>
public sealed class StatsChartTests() : SlackTestBase("slackchart", settings: new Dictionary<string, string?>
{
    ["PublicBaseUrl"] = "https://peerbot.example",
})
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task An_admins_stats_message_links_a_chart_the_bot_serves_and_a_forged_link_gets_404()
    {
        Slack.Users["U0ADMIN"] = ("Avery Admin", "avery@leaders.example");
        Slack.Admins["U0ADMIN"] = true;

        await CommandAsync("U0ADMIN", "/peerbot", "stats", channel: "C0GENERAL");
        var stats = await Slack.WaitForMessageAsync("Network activity");

        var image = Assert.Single(stats.Blocks, b => b!["type"]!.GetValue<string>() == "image")!;
        var url = new Uri(image["image_url"]!.GetValue<string>());
        Assert.Equal("peerbot.example", url.Host);
        Assert.StartsWith("/stats/chart/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("intros requested", image["alt_text"]!.GetValue<string>(), StringComparison.Ordinal);

        using var chart = await Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PngSignature, (await chart.Content.ReadAsByteArrayAsync())[..8]);

        var token = url.AbsolutePath["/stats/chart/".Length..^".png".Length];
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        using var forged = await Client.GetAsync($"/stats/chart/{altered}.png");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        using var made = await Client.GetAsync("/stats/chart/999,999,999.png");
        Assert.Equal(HttpStatusCode.NotFound, made.StatusCode);
    }
}
