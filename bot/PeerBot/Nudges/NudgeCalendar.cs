namespace PeerBot.Nudges;

/// <summary>
/// When a member may hear from PeerBot: on weekdays, outside quiet hours (18:00–08:00), in their own time
/// zone. Local wall times are turned into instants with daylight-saving changes in mind.
/// </summary>
public static class NudgeCalendar
{
    public static readonly TimeOnly WorkdayStart = new(8, 0);
    public static readonly TimeOnly QuietFrom = new(18, 0);

    public static bool IsWorkingTime(DayOfWeek day, TimeOnly time) =>
        day is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && time >= WorkdayStart && time < QuietFrom;

    public static bool IsWorkingTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return IsWorkingTime(local.DayOfWeek, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>The member's zone; UTC when the id is unknown, so a bad profile value never stops nudges.</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>
    /// The instant a local wall time stands for. A time skipped by a spring-forward change moves on by the
    /// length of the gap (02:30 becomes 03:30); a time repeated by a fall-back change is its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            return new DateTimeOffset(local - before, TimeSpan.Zero).ToOffset(after);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The shortest gap between two nudges of a cadence (a day less than its period, so the weekday holds).</summary>
    public static TimeSpan MinimumGap(Cadence cadence) => cadence switch
    {
        Cadence.Weekly => TimeSpan.FromDays(6),
        Cadence.Biweekly => TimeSpan.FromDays(13),
        Cadence.Monthly => TimeSpan.FromDays(20),
        _ => TimeSpan.MaxValue,
    };

    /// <summary>
    /// The next nudge strictly after <paramref name="after"/> and at least a cadence's gap after
    /// <paramref name="last"/>: on the member's weekday and time (monthly: that weekday in the first week of
    /// the month). Null when the cadence is off.
    /// </summary>
    public static DateTimeOffset? Next(Cadence cadence, NudgeTime at, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset? last)
    {
        if (cadence == Cadence.Off)
        {
            return null;
        }
        var earliest = last is { } l && l + MinimumGap(cadence) > after ? l + MinimumGap(cadence) : after;
        var firstDay = TimeZoneInfo.ConvertTime(earliest, zone).Date;
        for (var i = 0; i < 70; i++)
        {
            var date = firstDay.AddDays(i);
            if (date.DayOfWeek != at.Day || (cadence == Cadence.Monthly && date.Day > 7))
            {
                continue;
            }
            var instant = ToInstant(date + at.Time.ToTimeSpan(), zone);
            if (instant > after && instant >= earliest)
            {
                return instant;
            }
        }
        throw new InvalidOperationException($"No {cadence} slot on {at} within 70 days of {earliest:O}.");
    }

    /// <summary>
    /// <paramref name="due"/> itself when it falls in working time; otherwise the member's usual time on the
    /// next working day (the same day when it is a weekday morning before work).
    /// </summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset due, TimeZoneInfo zone, NudgeTime at)
    {
        if (IsWorkingTime(due, zone))
        {
            return due;
        }
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var date = local.Date;
        if (TimeOnly.FromDateTime(local.DateTime) >= at.Time)
        {
            date = date.AddDays(1);
        }
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }
        return ToInstant(date + at.Time.ToTimeSpan(), zone);
    }
}
