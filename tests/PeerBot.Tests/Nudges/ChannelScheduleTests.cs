using PeerBot.Nudges;

namespace PeerBot.Tests.Nudges;

/// <summary>Channel schedules: the command forms, and Cronos across both daylight-saving changes.</summary>
public sealed class ChannelScheduleTests
{
    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static ChannelSchedule Parse(string text)
    {
        var (schedule, error) = ChannelSchedule.Parse(text);
        Assert.True(schedule is not null, error);
        return schedule!;
    }

    [Fact]
    public void Weekly_daily_and_cron_forms_parse()
    {
        Assert.Equal(new ChannelSchedule("0 9 * * 2", "Europe/Berlin"), Parse("weekly tue 09:00 Europe/Berlin"));
        Assert.Equal(new ChannelSchedule("30 8 * * 1-5", "America/New_York"), Parse("daily 8:30 America/New_York"));
        Assert.Equal(new ChannelSchedule("0 9 * * 2", "Europe/Berlin"), Parse("0 9 * * 2 Europe/Berlin"));
        Assert.Equal(new ChannelSchedule("15 16 * * FRI", "UTC"), Parse("cron \"15 16 * * FRI\" UTC"));
        Assert.Equal(new ChannelSchedule("0 9 * * 1", "UTC"), Parse("weekly monday 9"));
    }

    [Theory]
    [InlineData("weekly someday 09:00 Europe/Berlin")]
    [InlineData("weekly tue 25:00 Europe/Berlin")]
    [InlineData("weekly tue 09:00 Mars/Base")]
    [InlineData("0 9 * * Europe/Berlin")]
    [InlineData("61 9 * * 2 Europe/Berlin")]
    [InlineData("hourly")]
    public void Nonsense_is_refused_with_a_hint(string text)
    {
        var (schedule, error) = ChannelSchedule.Parse(text);
        Assert.Null(schedule);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Weekly_posts_keep_local_time_across_the_spring_and_autumn_changes()
    {
        var berlin = Parse("weekly sun 09:00 Europe/Berlin");
        Assert.Equal(Utc(2026, 3, 22, 8), berlin.Next(Utc(2026, 3, 20, 0)));
        Assert.Equal(Utc(2026, 3, 29, 7), berlin.Next(Utc(2026, 3, 22, 8))); // the change day itself, 09:00 CEST
        Assert.Equal(Utc(2026, 10, 25, 8), berlin.Next(Utc(2026, 10, 18, 7))); // 09:00 CET on the autumn change day
        var newYork = Parse("weekly sun 09:00 America/New_York");
        Assert.Equal(Utc(2026, 3, 8, 13), newYork.Next(Utc(2026, 3, 1, 14)));
        Assert.Equal(Utc(2026, 11, 1, 14), newYork.Next(Utc(2026, 10, 25, 13)));
    }

    [Theory]
    [InlineData("Europe/Berlin", 2026, 3, 29)]
    [InlineData("America/New_York", 2026, 3, 8)]
    public void A_post_in_the_spring_forward_gap_runs_once_when_the_clock_jumps(string zone, int y, int m, int d)
    {
        // 02:30 does not exist on the change day: it runs at the jump (03:00 local), once, and the next day at 02:30 again.
        var schedule = Parse($"30 2 * * * {zone}");
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var dayBefore = schedule.Next(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero).AddHours(-36))!.Value;
        var onChange = schedule.Next(dayBefore)!.Value;
        var dayAfter = schedule.Next(onChange)!.Value;
        Assert.Equal(new DateTime(y, m, d - 1, 2, 30, 0), TimeZoneInfo.ConvertTime(dayBefore, tz).DateTime);
        Assert.Equal(new DateTime(y, m, d, 3, 0, 0), TimeZoneInfo.ConvertTime(onChange, tz).DateTime);
        Assert.Equal(new DateTime(y, m, d + 1, 2, 30, 0), TimeZoneInfo.ConvertTime(dayAfter, tz).DateTime);
        Assert.Equal(TimeSpan.FromHours(23.5), onChange - dayBefore);
    }

    [Theory]
    [InlineData("Europe/Berlin", 2026, 10, 25, "30 2 * * *", 2)]
    [InlineData("America/New_York", 2026, 11, 1, "30 1 * * *", -4)]
    public void A_post_in_the_fall_back_overlap_runs_once_not_twice(string zone, int y, int m, int d, string cron, int summerOffset)
    {
        // That local time happens twice on the change night; the channel hears from PeerBot once, at the first.
        var schedule = Parse($"{cron} {zone}");
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var changeDay = new DateTime(y, m, d);
        var at = new DateTimeOffset(changeDay, TimeSpan.Zero).AddHours(-12);
        var posts = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            at = schedule.Next(at)!.Value;
            posts.Add(at);
        }
        Assert.Single(posts, p => TimeZoneInfo.ConvertTime(p, tz).Date == changeDay);
        Assert.Equal(changeDay, TimeZoneInfo.ConvertTime(posts[0], tz).Date);
        Assert.True(tz.IsAmbiguousTime(TimeZoneInfo.ConvertTime(posts[0], tz).DateTime));
        Assert.Equal(TimeSpan.FromHours(summerOffset), TimeZoneInfo.ConvertTime(posts[0], tz).Offset);
        Assert.Equal(TimeSpan.FromHours(25), posts[1] - posts[0]);
        Assert.Equal(TimeSpan.FromHours(24), posts[2] - posts[1]);
    }
}
