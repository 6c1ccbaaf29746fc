namespace PeerBot.Tests.Slack;

/// <summary>Slack says who administers a workspace (users.info); those members may run PeerBot's admin commands.</summary>
public sealed class AdminTests() : SlackTestBase("slackadmin")
{
    [Fact]
    public async Task A_workspace_admin_sees_statistics_and_a_member_is_refused()
    {
        Slack.Users["U0ADMIN"] = ("Avery Admin", "avery@leaders.example");
        Slack.Admins["U0ADMIN"] = true;
        Slack.Users["U0MEMBER"] = ("Morgan Member", "morgan@member.example");

        await CommandAsync("U0MEMBER", "/peerbot", "stats", channel: "C0GENERAL");
        await CommandAsync("U0ADMIN", "/peerbot", "stats", channel: "C0GENERAL");

        var refused = await Slack.WaitForMessageAsync("Only PeerBot admins");
        Assert.Equal("response_url", refused.Method.Split(':')[0]);
        var stats = await Slack.WaitForMessageAsync("Network activity");
        Assert.Contains("intros requested", stats.Raw, StringComparison.Ordinal);
        // No public address (the local default): Slack could not fetch a chart, so the message has none.
        Assert.DoesNotContain(stats.Blocks, b => b!["type"]!.GetValue<string>() == "image");
        Assert.Single(Slack.Messages, m => m.Raw.Contains("Only PeerBot admins", StringComparison.Ordinal));
    }
}
