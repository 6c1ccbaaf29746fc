using PeerBot.Meetings;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// Slots across time zones and clock changes, checked against the zones' real offsets: Berlin and New York in the
/// weeks when only one of them has changed clocks, Tokyo and San Francisco with little or no shared working hours.
/// </summary>
public sealed class SlotFinderTests
{
    private static readonly HolidayCalendar Holidays = new();

    private static Availability In(string zone, WorkingHours? hours = null)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return new Availability(tz, hours ?? WorkingHours.Default, day => Holidays.IsHoliday(tz, day));
    }

    private static DateTime Local(DateTimeOffset at, string zone) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;

    [Fact]
    public void March_New_York_has_moved_its_clocks_and_Berlin_has_not_so_they_are_five_hours_apart()
    {
        // Monday 9 March 2026: the US changed on 8 March, the EU changes on 29 March.
        var now = new DateTimeOffset(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);
        var berlin = In("Europe/Berlin");
        var newYork = In("America/New_York");

        // 13:00 in Berlin is 08:00 in New York this week (a fixed six-hour gap would make it 07:00, before work).
        Assert.Equal(SlotFit.Working, newYork.Fit(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), 30));
        Assert.Equal(SlotFit.Working, berlin.Fit(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), 30));

        var plan = SlotFinder.Find(now, berlin, newYork, 30);

        Assert.Equal(MeetingRules.MaxSlots, plan.Slots.Count);
        Assert.False(plan.Stretched);
        foreach (var slot in plan.Slots)
        {
            var inBerlin = Local(slot, "Europe/Berlin");
            var inNewYork = Local(slot, "America/New_York");
            Assert.Equal(TimeSpan.FromHours(5), inBerlin - inNewYork);
            Assert.InRange(inBerlin.TimeOfDay, TimeSpan.FromHours(13), TimeSpan.FromHours(17.5));
            Assert.InRange(inNewYork.TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(12.5));
            Assert.True(slot >= now + MeetingRules.Lead);
        }
        // One a day, on eight different days, sooner days first.
        Assert.Equal(8, plan.Slots.Select(s => Local(s, "Europe/Berlin").Date).Distinct().Count());
        Assert.Equal(plan.Slots.Order(), plan.Slots);
    }

    [Fact]
    public void Late_October_Berlin_has_moved_back_and_New_York_only_follows_a_week_later()
    {
        // Monday 26 October 2026: Europe left summer time on 25 October, the US leaves it on 1 November.
        var now = new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero);
        var berlin = In("Europe/Berlin");
        var newYork = In("America/New_York");

        // 13:00 Berlin is 08:00 New York this week, and 07:00 (before work) the week after.
        Assert.Equal(SlotFit.Working, newYork.Fit(new DateTimeOffset(2026, 10, 27, 12, 0, 0, TimeSpan.Zero), 30));
        Assert.Equal(SlotFit.None, newYork.Fit(new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero), 30));
        Assert.Equal(SlotFit.Working, newYork.Fit(new DateTimeOffset(2026, 11, 3, 13, 0, 0, TimeSpan.Zero), 30));

        var plan = SlotFinder.Find(now, berlin, newYork, 45);

        Assert.Equal(MeetingRules.MaxSlots, plan.Slots.Count);
        var gaps = plan.Slots.Select(s => Local(s, "Europe/Berlin") - Local(s, "America/New_York")).ToList();
        Assert.All(plan.Slots.Zip(gaps), pair => Assert.Equal(pair.First < new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero) ? TimeSpan.FromHours(5) : TimeSpan.FromHours(6), pair.Second));
        Assert.Contains(TimeSpan.FromHours(5), gaps);
        Assert.Contains(TimeSpan.FromHours(6), gaps);
        foreach (var slot in plan.Slots)
        {
            Assert.Equal(SlotFit.Working, berlin.Fit(slot, 45));
            Assert.Equal(SlotFit.Working, newYork.Fit(slot, 45));
            Assert.True(Local(slot, "America/New_York").AddMinutes(45).TimeOfDay <= TimeSpan.FromHours(18));
        }
    }

    [Fact]
    public void Tokyo_and_San_Francisco_with_no_shared_working_hours_get_early_and_late_slots_outside_quiet_hours()
    {
        var nine = new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 0));
        var tokyo = In("Asia/Tokyo", nine);
        var sanFrancisco = In("America/Los_Angeles", nine);
        var now = new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

        var plan = SlotFinder.Find(now, sanFrancisco, tokyo, 30);

        Assert.Equal(0, plan.SharedDays);
        Assert.True(plan.Stretched);
        Assert.NotEmpty(plan.Slots);
        var fits = plan.Slots.Select(s => (SanFrancisco: sanFrancisco.Fit(s, 30), Tokyo: tokyo.Fit(s, 30))).ToList();
        Assert.All(fits, f => Assert.True(f.SanFrancisco != SlotFit.Working || f.Tokyo != SlotFit.Working));
        Assert.All(fits, f => Assert.True(f.SanFrancisco != SlotFit.None && f.Tokyo != SlotFit.None));
        Assert.Contains(fits, f => f.Tokyo == SlotFit.Early);
        Assert.Contains(fits, f => f.SanFrancisco == SlotFit.Late);
        foreach (var slot in plan.Slots)
        {
            // Never in quiet hours (18:00–08:00) for either of them.
            Assert.InRange(Local(slot, "Asia/Tokyo").TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(17.5));
            Assert.InRange(Local(slot, "America/Los_Angeles").TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(17.5));
        }
        Assert.StartsWith("Your working hours don't overlap", MeetingCards.Note(new Meeting
        {
            PairKey = new string('a', 32), IntroRound = 1, Number = 1, OrganizerId = "a", GuestId = "b", StartedBy = "a",
            State = MeetingState.Proposing, Slots = [.. plan.Slots.Select(Meeting.SlotId)], SharedDays = plan.SharedDays, Stretched = plan.Stretched,
        }), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokyo_and_San_Francisco_on_default_hours_in_winter_share_afternoons_and_mornings()
    {
        var plan = SlotFinder.Find(new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero), In("America/Los_Angeles"), In("Asia/Tokyo"), 30);

        Assert.True(plan.SharedDays >= MeetingRules.FewSharedDays);
        Assert.False(plan.Stretched);
        // San Francisco afternoon is the next Tokyo morning.
        Assert.All(plan.Slots, s => Assert.True(Local(s, "America/Los_Angeles").Hour >= 15 && Local(s, "Asia/Tokyo").Hour < 11));
        Assert.All(plan.Slots, s => Assert.Equal(Local(s, "America/Los_Angeles").Date.AddDays(1), Local(s, "Asia/Tokyo").Date));
    }

    [Fact]
    public void Public_holidays_of_either_country_are_skipped()
    {
        // Good Friday (3 April) and Easter Monday (6 April) are holidays in Germany, not in the US.
        Assert.Equal("DE", HolidayCalendar.CountryOf(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        Assert.Equal("US", HolidayCalendar.CountryOf(TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
        Assert.Null(HolidayCalendar.CountryOf(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));

        var plan = SlotFinder.Find(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), In("America/New_York"), In("Europe/Berlin"), 30);

        var days = plan.Slots.Select(s => DateOnly.FromDateTime(Local(s, "Europe/Berlin"))).ToList();
        Assert.DoesNotContain(new DateOnly(2026, 4, 3), days);
        Assert.DoesNotContain(new DateOnly(2026, 4, 6), days);
        Assert.Contains(new DateOnly(2026, 4, 2), days);
        Assert.Contains(new DateOnly(2026, 4, 7), days);
    }

    [Fact]
    public void Hours_a_member_sets_are_read_and_checked()
    {
        Assert.Equal(new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 0)), WorkingHours.Parse("09:00-17:00").Hours);
        Assert.Equal(new WorkingHours(new TimeOnly(7, 30), new TimeOnly(16, 0)), WorkingHours.Parse("7:30 – 16:00").Hours);
        Assert.Equal(new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 0)), WorkingHours.Parse("9-17").Hours);
        Assert.Null(WorkingHours.Parse("17:00-09:00").Hours);
        Assert.Null(WorkingHours.Parse("09:00-09:30").Hours);
        Assert.Null(WorkingHours.Parse("09:10-17:00").Hours);
        Assert.Null(WorkingHours.Parse("all day").Hours);
    }
}
