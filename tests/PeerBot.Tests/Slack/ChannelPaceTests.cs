using System.Net;

namespace PeerBot.Tests.Slack;

/// <summary>Slack's one message a second per channel, kept without making everybody else wait.</summary>
public sealed class ChannelPaceTests() : SlackTestBase("slackpace", settings: new Dictionary<string, string?>
{
    ["Slack:MessageInterval"] = "00:00:01",
    ["Slack:Workers"] = "4",
})
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics", "grace@harbor.example", "import"),
            Leader("import:eng", "Margaret Hamilton", "VP Engineering", "Apollo Systems", "mh@apollo.example", "import"));
        Slack.Users["U0ASKER"] = ("Ada Asker", "ada@asker.example");
    }

    [Fact]
    public async Task A_channel_kept_to_its_pace_does_not_hold_up_commands_elsewhere()
    {
        await SeedAsync(Leader(SlackId("U0ASKER"), "Ada Asker", "VP Marketing", "Asker Inc", "ada@asker.example", "slack"));
        // Twelve results for one DM go out at Slack's one message a second there: more than the four workers.
        var dm = SlackStub.DirectMessage("U0ASKER");
        for (var i = 0; i < 12; i++)
        {
            var (busy, _) = await SendAsync(SlackRequests.SignedPost("/slack/commands",
                SlackRequests.Command("U0ASKER", "/findpeer", "VP marketing", dm, Slack.ResponseUrl("dm-" + i))));
            Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        }
        var (response, _) = await SendAsync(SlackRequests.SignedPost("/slack/commands",
            SlackRequests.Command("U0ASKER", "/findpeer", "VP engineering", "C0GENERAL", Slack.ResponseUrl("elsewhere"))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var elsewhere = await Slack.WaitForAsync(c => c.Method == "response_url:elsewhere", TimeSpan.FromSeconds(30), "the answer in #general");
        await Slack.WaitForAsync(c => c.Method == "chat.postMessage" && Slack.CallsTo("chat.postMessage").Count() >= 12, TimeSpan.FromSeconds(40), "all twelve DM results");
        var dmPosts = Slack.CallsTo("chat.postMessage").Where(c => c.Channel == dm).Select(c => c.At).Order().ToList();

        Assert.Equal(12, dmPosts.Count);
        Assert.True(dmPosts[^1] - dmPosts[0] >= TimeSpan.FromSeconds(10), "the DM was not kept to one message a second");
        // Had the workers sat out the DM's pace, the answer in #general would have come after most of the DM posts.
        Assert.True(elsewhere.At < dmPosts[5], $"the answer elsewhere came {(elsewhere.At - dmPosts[0]).TotalSeconds:F1} s after the first DM post");
        Assert.Contains("Margaret Hamilton", elsewhere.Raw, StringComparison.Ordinal);
    }
}
