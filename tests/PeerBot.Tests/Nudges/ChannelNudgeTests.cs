using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>An admin sets a channel nudge by @mention in a Teams channel; it is posted at its time under a fake clock.</summary>
public sealed class ChannelNudgeTests() : FakeClockBotTest("channel", new Dictionary<string, string?> { ["Admins:Ids:0"] = "msteams:u-admin" })
{
    private const string Channel = "19:leaders@thread.tacv2";

    [Fact]
    public async Task A_weekly_channel_nudge_set_by_command_is_posted_at_its_time_with_counts_by_role_and_no_names()
    {
        var profiles = Get<ProfileStore>();
        foreach (var (id, name, title) in new[] { ("u-1", "Priya Raman", "VP Marketing"), ("u-2", "Jonas Weber", "Vice President, Marketing"), ("u-3", "Ama Mensah", "Director of Engineering") })
        {
            await profiles.SaveAsync(new Peer
            {
                Id = "msteams:" + id, Name = name, Title = title, Organization = name + " Inc", OrganizationKey = "name:" + id,
                TimeZone = "Europe/Berlin", Channel = "msteams", UpdatedAt = Clock.GetUtcNow(),
            }, null, CancellationToken.None);
        }

        var refused = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, "u-guest", "nudge weekly tue 09:00 Europe/Berlin", Channel), 1);
        Assert.Contains("Only channel or workspace admins", refused[0].Text, StringComparison.Ordinal);

        var set = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, "u-admin", "nudge weekly tue 09:00 Europe/Berlin", Channel), 1);
        Assert.Contains("0 9 * * 2 (Europe/Berlin)", set[0].Text, StringComparison.Ordinal);
        Assert.Contains("Tuesday 10 Mar at 09:00", set[0].Text, StringComparison.Ordinal);

        // Tuesday 09:00 in Berlin is 08:00 UTC. A minute before, nothing has been posted.
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 10, 7, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain("channelNudge", CardsIn(Channel));

        await AdvanceToAsync(new DateTimeOffset(2026, 3, 10, 8, 0, 30, TimeSpan.Zero));
        var post = await CardAsync(Channel, "channelNudge");
        Assert.Contains("3 leaders joined", Text(post), StringComparison.Ordinal);
        Assert.Contains("VP · Marketing", Text(post), StringComparison.Ordinal);
        Assert.Contains("Director · Engineering", Text(post), StringComparison.Ordinal);
        foreach (var name in new[] { "Priya", "Jonas", "Ama" })
        {
            Assert.DoesNotContain(name, post.RawBody, StringComparison.Ordinal);
        }

        var show = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, "u-guest", "nudge show", Channel), 1);
        Assert.Contains("Next: Tuesday 17 Mar at 09:00", show[0].Text, StringComparison.Ordinal);

        var off = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, "u-admin", "nudge off", Channel), 1);
        Assert.Contains("off for this channel", off[0].Text, StringComparison.Ordinal);
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 17, 8, 1, 0, TimeSpan.Zero));
        Assert.Single(CardsIn(Channel), c => c == "channelNudge");
    }

    [Fact]
    public async Task A_cron_schedule_in_new_york_posts_at_nine_local_time()
    {
        var set = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, "u-admin", "nudge 0 9 * * 1-5 America/New_York", Channel), 1);
        Assert.Contains("Monday 9 Mar at 09:00", set[0].Text, StringComparison.Ordinal);
        // 09:00 EDT (the clocks changed on 8 March) is 13:00 UTC.
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 9, 12, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain("channelNudge", CardsIn(Channel));
        await AdvanceToAsync(new DateTimeOffset(2026, 3, 9, 13, 0, 30, TimeSpan.Zero));
        var post = await CardAsync(Channel, "channelNudge");
        Assert.Contains("1-5 (America/New_York)", Text(post), StringComparison.Ordinal);
    }
}
