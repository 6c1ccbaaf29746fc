using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Nudges;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// A Slack workspace admin types "/peerbot nudge weekly tue 09:00 Europe/Berlin" in a channel; under a fake clock
/// the post goes out at that time, through the Slack Web API client (chat.postMessage into the channel).
/// </summary>
public sealed class SlackChannelNudgeTests() : SlackTestBase("slacknudge", services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)), new Dictionary<string, string?>
{
    ["Nudges:SweepInterval"] = "00:00:30",
    ["Nudges:FollowInterval"] = "00:00:30",
    ["Nudges:PollInterval"] = "00:00:05",
})
{
    private const string Channel = "C0LEADERS";

    // Slack checks request timestamps against the bot's clock, so the fake clock starts at the real now.
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_admins_weekly_channel_nudge_is_posted_into_the_channel_at_its_time()
    {
        Slack.Users["U0ADMIN"] = ("Avery Admin", "avery@leaders.example");
        Slack.Admins["U0ADMIN"] = true;
        Slack.Users["U0MEMBER"] = ("Morgan Member", "morgan@member.example");

        await CommandAsync("U0MEMBER", "/peerbot", "nudge weekly tue 09:00 Europe/Berlin", channel: Channel);
        await Slack.WaitForMessageAsync("Only channel or workspace admins");
        // Slack's pacing (one message a second per channel) runs on the same clock: let a second pass.
        Clock.Advance(TimeSpan.FromSeconds(2));
        await CommandAsync("U0ADMIN", "/peerbot", "nudge weekly tue 09:00 Europe/Berlin", channel: Channel);
        var set = await Slack.WaitForMessageAsync("I'll post here at 0 9");

        var due = new ChannelSchedule("0 9 * * 2", "Europe/Berlin").Next(Clock.GetUtcNow())!.Value;
        Assert.Contains(ResumeHandler.When(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")), set.Raw, StringComparison.Ordinal);

        await AdvanceToAsync(due.AddMinutes(-1));
        Assert.DoesNotContain(Slack.CallsTo("chat.postMessage"), c => c.Channel == Channel);

        await AdvanceToAsync(due.AddSeconds(30));
        var post = await Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Channel == Channel, TimeSpan.FromSeconds(45), "the channel nudge");
        Assert.Contains("Who will you reach out to this week?", post.Raw, StringComparison.Ordinal);
        Assert.Equal("Bearer " + BotToken, post.Authorization);
        Assert.DoesNotContain("Avery", post.Raw, StringComparison.Ordinal);
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Channel == Channel);
    }

    private static async Task AdvanceToAsync(DateTimeOffset at)
    {
        while (Clock.GetUtcNow() < at)
        {
            var step = at - Clock.GetUtcNow();
            Clock.Advance(step > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : step);
            await Task.Delay(50);
        }
        await Task.Delay(1500);
    }
}
