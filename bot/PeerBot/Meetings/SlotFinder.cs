namespace PeerBot.Meetings;

/// <summary>When one member can meet: their zone, their hours, and their country's public holidays.</summary>
public sealed record Availability(TimeZoneInfo Zone, WorkingHours Hours, Func<DateOnly, bool> IsHoliday)
{
    /// <summary>Whether a slot fits the member: inside their hours, only in the stretch band, or not at all.</summary>
    public SlotFit Fit(DateTimeOffset start, int minutes)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, Zone);
        var localEnd = TimeZoneInfo.ConvertTime(start.AddMinutes(minutes), Zone);
        var day = DateOnly.FromDateTime(localStart.DateTime);
        // A slot ending exactly at midnight still ends on its own day.
        var endDay = DateOnly.FromDateTime(localEnd.DateTime.AddTicks(-1));
        if (day != endDay || localStart.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || IsHoliday(day))
        {
            return SlotFit.None;
        }
        var from = TimeOnly.FromDateTime(localStart.DateTime);
        var until = TimeOnly.FromDateTime(localEnd.DateTime);
        if (from >= Hours.Start && until <= Hours.End && until > from)
        {
            return SlotFit.Working;
        }
        var stretch = Hours.Stretch;
        return from >= stretch.Start && until <= stretch.End && until > from ? (from < Hours.Start ? SlotFit.Early : SlotFit.Late) : SlotFit.None;
    }

    /// <summary>Whether a day counts as a working day for the member (a weekday that is no public holiday).</summary>
    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);
}

public enum SlotFit
{
    None,
    Working,
    /// <summary>Before the member's hours, but outside quiet hours.</summary>
    Early,
    /// <summary>After the member's hours, but outside quiet hours.</summary>
    Late,
}

/// <summary>The slots to offer, and how much the two members' hours overlap.</summary>
/// <param name="SharedDays">Days in the window with at least one slot inside both members' working hours.</param>
/// <param name="Stretched">True when early or late slots were added because shared hours are scarce.</param>
public sealed record SlotPlan(IReadOnlyList<DateTimeOffset> Slots, int SharedDays, bool Stretched);

/// <summary>
/// Proposes up to eight slots in the next ten working days that fit both members: inside both members' working
/// hours where they overlap, spread over the days (one a day first, the middle of the shared hours), sooner days
/// first. When shared hours fall on fewer than <see cref="MeetingRules.FewSharedDays"/> days, slots that are early
/// for one and late for the other (never in quiet hours) fill the rest.
/// </summary>
public static class SlotFinder
{
    public static SlotPlan Find(DateTimeOffset now, Availability organizer, Availability guest, int minutes, IReadOnlySet<DateTimeOffset>? exclude = null)
    {
        var from = CeilingToStep(now + MeetingRules.Lead);
        var until = Max(EndOfWorkingDays(now, organizer), EndOfWorkingDays(now, guest));
        var shared = new List<DateTimeOffset>();
        var early = new List<DateTimeOffset>();
        var late = new List<DateTimeOffset>();
        for (var t = from; t.AddMinutes(minutes) <= until; t += MeetingRules.SlotStep)
        {
            if (exclude?.Contains(t) == true)
            {
                continue;
            }
            var a = organizer.Fit(t, minutes);
            var b = guest.Fit(t, minutes);
            if (a == SlotFit.Working && b == SlotFit.Working)
            {
                shared.Add(t);
            }
            else if (a != SlotFit.None && b != SlotFit.None)
            {
                (a == SlotFit.Early || b == SlotFit.Early ? early : late).Add(t);
            }
        }
        var sharedDays = shared.Select(t => LocalDay(t, organizer.Zone)).Distinct().Count();
        var slots = Spread(shared, MeetingRules.MaxSlots, organizer.Zone);
        var stretched = sharedDays < MeetingRules.FewSharedDays && early.Count + late.Count > 0 && slots.Count < MeetingRules.MaxSlots;
        if (stretched)
        {
            // Half early for one of them, half late for the other, so neither always pays.
            var left = MeetingRules.MaxSlots - slots.Count;
            var earlyOnes = Spread(early, (left + 1) / 2, organizer.Zone);
            var lateOnes = Spread(late, left - earlyOnes.Count, organizer.Zone);
            var more = Spread(early, left - lateOnes.Count, organizer.Zone);
            slots = [.. slots, .. more.Count > earlyOnes.Count ? more : earlyOnes, .. lateOnes];
        }
        return new SlotPlan([.. slots.Order()], sharedDays, stretched);
    }

    /// <summary>The end of the member's tenth working day from today (their zone, their holidays).</summary>
    public static DateTimeOffset EndOfWorkingDays(DateTimeOffset now, Availability member)
    {
        var day = LocalDay(now, member.Zone);
        var counted = 0;
        while (true)
        {
            if (member.IsWorkingDay(day) && ++counted == MeetingRules.WorkingDays)
            {
                return Nudges.NudgeCalendar.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), member.Zone);
            }
            day = day.AddDays(1);
        }
    }

    /// <summary>One slot a day (the middle of that day's candidates) across the days in order, then more a day, farthest from those taken.</summary>
    private static List<DateTimeOffset> Spread(List<DateTimeOffset> candidates, int count, TimeZoneInfo zone)
    {
        var days = candidates.GroupBy(t => LocalDay(t, zone)).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var taken = days.Select(_ => new List<DateTimeOffset>()).ToList();
        var result = new List<DateTimeOffset>();
        while (result.Count < count)
        {
            var added = false;
            for (var d = 0; d < days.Count && result.Count < count; d++)
            {
                var left = days[d].Except(taken[d]).ToList();
                if (left.Count == 0)
                {
                    continue;
                }
                var pick = taken[d].Count == 0
                    ? days[d][days[d].Count / 2]
                    : left.MaxBy(t => taken[d].Min(x => Math.Abs((t - x).Ticks)));
                taken[d].Add(pick);
                result.Add(pick);
                added = true;
            }
            if (!added)
            {
                break;
            }
        }
        return result;
    }

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static DateTimeOffset CeilingToStep(DateTimeOffset at)
    {
        var step = MeetingRules.SlotStep.Ticks;
        var ticks = (at.UtcTicks + step - 1) / step * step;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
