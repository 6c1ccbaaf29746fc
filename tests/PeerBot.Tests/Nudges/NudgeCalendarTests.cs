using PeerBot.Nudges;

namespace PeerBot.Tests.Nudges;

/// <summary>When personal nudges fall: the member's weekday and time in their zone, never weekends or quiet hours.</summary>
public sealed class NudgeCalendarTests
{
    private static readonly TimeZoneInfo Berlin = NudgeCalendar.Zone("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = NudgeCalendar.Zone("America/New_York");
    private static readonly TimeZoneInfo Tokyo = NudgeCalendar.Zone("Asia/Tokyo");

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Weekly_default_is_the_next_tuesday_at_ten_local_time()
    {
        // Thursday 5 March 2026, noon UTC.
        var next = NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, Berlin, Utc(2026, 3, 5, 12), null);
        Assert.Equal(Utc(2026, 3, 10, 9), next); // Tue 10:00 CET = 09:00 UTC
        Assert.Equal(Utc(2026, 3, 10, 14), NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, NewYork, Utc(2026, 3, 5, 12), null)); // EDT from 8 March
        Assert.Equal(Utc(2026, 3, 10, 1), NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, Tokyo, Utc(2026, 3, 5, 12), null));
    }

    [Fact]
    public void The_same_zone_instant_is_a_different_local_day_elsewhere()
    {
        // Tuesday 01:30 UTC is already Tuesday 10:30 in Tokyo (past 10:00), but still Monday evening in New York.
        var after = Utc(2026, 3, 10, 1, 30);
        Assert.Equal(Utc(2026, 3, 17, 1), NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, Tokyo, after, null));
        Assert.Equal(Utc(2026, 3, 10, 14), NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, NewYork, after, null));
    }

    [Fact]
    public void Cadences_keep_their_gap_from_the_last_nudge()
    {
        var last = Utc(2026, 3, 10, 9);
        Assert.Equal(Utc(2026, 3, 17, 9), NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, Berlin, last, last));
        Assert.Equal(Utc(2026, 3, 24, 9), NudgeCalendar.Next(Cadence.Biweekly, NudgeTime.Default, Berlin, last, last));
        // Monthly: the first Tuesday of the next month (7 April 2026; CEST from 29 March, so 08:00 UTC).
        Assert.Equal(Utc(2026, 4, 7, 8), NudgeCalendar.Next(Cadence.Monthly, NudgeTime.Default, Berlin, last, last));
        Assert.Null(NudgeCalendar.Next(Cadence.Off, NudgeTime.Default, Berlin, last, last));
    }

    [Fact]
    public void Weekly_nudges_keep_local_time_across_both_daylight_saving_changes()
    {
        var at = new NudgeTime(DayOfWeek.Monday, new TimeOnly(9, 0));
        var before = Utc(2026, 3, 23, 8); // Mon 23 March 09:00 CET
        var spring = NudgeCalendar.Next(Cadence.Weekly, at, Berlin, before, before);
        Assert.Equal(Utc(2026, 3, 30, 7), spring); // Mon 30 March 09:00 CEST, after the 29 March change
        var autumnBefore = Utc(2026, 10, 19, 7); // Mon 19 Oct 09:00 CEST
        Assert.Equal(Utc(2026, 10, 26, 8), NudgeCalendar.Next(Cadence.Weekly, at, Berlin, autumnBefore, autumnBefore)); // 09:00 CET
        var usBefore = Utc(2026, 3, 2, 14); // Mon 2 March 09:00 EST
        Assert.Equal(Utc(2026, 3, 9, 13), NudgeCalendar.Next(Cadence.Weekly, at, NewYork, usBefore, usBefore)); // 09:00 EDT after 8 March
    }

    [Theory]
    [InlineData(DayOfWeek.Tuesday, 10, 0, true)]
    [InlineData(DayOfWeek.Friday, 17, 59, true)]
    [InlineData(DayOfWeek.Monday, 8, 0, true)]
    [InlineData(DayOfWeek.Monday, 7, 59, false)]
    [InlineData(DayOfWeek.Wednesday, 18, 0, false)]
    [InlineData(DayOfWeek.Wednesday, 23, 30, false)]
    [InlineData(DayOfWeek.Saturday, 10, 0, false)]
    [InlineData(DayOfWeek.Sunday, 12, 0, false)]
    public void Working_time_is_weekdays_eight_to_six(DayOfWeek day, int hour, int minute, bool expected) =>
        Assert.Equal(expected, NudgeCalendar.IsWorkingTime(day, new TimeOnly(hour, minute)));

    [Fact]
    public void Follow_ups_that_fall_on_a_weekend_or_in_quiet_hours_wait_for_the_next_working_morning()
    {
        var at = NudgeTime.Default;
        // Saturday 14 March 2026 12:00 Berlin → Monday 16 March 10:00 Berlin.
        Assert.Equal(Utc(2026, 3, 16, 9), NudgeCalendar.NextAllowed(Utc(2026, 3, 14, 11), Berlin, at));
        // Wednesday 22:00 Berlin → Thursday 10:00.
        Assert.Equal(Utc(2026, 3, 12, 9), NudgeCalendar.NextAllowed(Utc(2026, 3, 11, 21), Berlin, at));
        // Wednesday 06:00 Berlin → the same morning at 10:00.
        Assert.Equal(Utc(2026, 3, 11, 9), NudgeCalendar.NextAllowed(Utc(2026, 3, 11, 5), Berlin, at));
        // Friday 19:00 New York → Monday 10:00 New York.
        Assert.Equal(Utc(2026, 3, 16, 14), NudgeCalendar.NextAllowed(Utc(2026, 3, 13, 23), NewYork, at));
        // Already in working time: unchanged.
        Assert.Equal(Utc(2026, 3, 11, 13), NudgeCalendar.NextAllowed(Utc(2026, 3, 11, 13), Berlin, at));
    }

    [Fact]
    public void Computed_nudges_are_never_on_a_weekend_or_in_quiet_hours_in_any_zone()
    {
        foreach (var zone in new[] { Berlin, NewYork, Tokyo, NudgeCalendar.Zone("Australia/Sydney"), NudgeCalendar.Zone("Asia/Kolkata") })
        {
            var after = Utc(2026, 1, 1, 0);
            DateTimeOffset? last = null;
            for (var i = 0; i < 60; i++)
            {
                var next = NudgeCalendar.Next(Cadence.Weekly, NudgeTime.Default, zone, after, last)!.Value;
                Assert.True(NudgeCalendar.IsWorkingTime(next, zone), $"{zone.Id}: {next:O}");
                Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(next, zone).DateTime));
                (after, last) = (next, next);
            }
        }
    }

    [Fact]
    public void Local_times_in_a_gap_move_on_and_repeated_times_take_the_first()
    {
        // 02:30 on 29 March 2026 does not exist in Berlin: it becomes 03:30 CEST (01:30 UTC).
        Assert.Equal(Utc(2026, 3, 29, 1, 30), NudgeCalendar.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), Berlin));
        // 02:30 on 25 October 2026 happens twice in Berlin: the first, in CEST (00:30 UTC).
        Assert.Equal(Utc(2026, 10, 25, 0, 30), NudgeCalendar.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0), Berlin));
        // New York: 02:30 on 8 March 2026 → 03:30 EDT (07:30 UTC); 01:30 on 1 November 2026 → first, EDT (05:30 UTC).
        Assert.Equal(Utc(2026, 3, 8, 7, 30), NudgeCalendar.ToInstant(new DateTime(2026, 3, 8, 2, 30, 0), NewYork));
        Assert.Equal(Utc(2026, 11, 1, 5, 30), NudgeCalendar.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), NewYork));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_utc()
    {
        Assert.Equal(TimeZoneInfo.Utc, NudgeCalendar.Zone("Mars/Olympus_Mons"));
        Assert.Equal(TimeZoneInfo.Utc, NudgeCalendar.Zone(null));
    }

    [Fact]
    public void Paused_members_get_their_next_nudge_after_the_pause()
    {
        var now = Utc(2026, 3, 5, 12);
        var member = new NudgeMember { MemberId = "m", TimeZone = "Europe/Berlin", PausedUntil = now.AddDays(14) };
        Assert.Equal(Utc(2026, 3, 24, 9), member.NextAfter(now));
        Assert.True(member.IsPaused(now));
        Assert.Null((member with { GhostPausedAt = now }).NextAfter(now));
    }
}
