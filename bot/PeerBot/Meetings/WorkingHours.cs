using System.Globalization;
using PeerBot.Nudges;

namespace PeerBot.Meetings;

/// <summary>The hours of a weekday a member can meet, in their own time zone (default 08:00–18:00).</summary>
public readonly record struct WorkingHours(TimeOnly Start, TimeOnly End)
{
    public static readonly WorkingHours Default = new(NudgeCalendar.WorkdayStart, NudgeCalendar.QuietFrom);

    public static readonly TimeSpan Shortest = TimeSpan.FromHours(1);

    /// <summary>
    /// The widest a slot may reach when shared hours are scarce: the member's hours joined with the day outside
    /// quiet hours (08:00–18:00, as nudges use). Hours the member set themselves always count, even inside
    /// quiet hours; anything else in quiet hours is never offered.
    /// </summary>
    public WorkingHours Stretch => new(Start < NudgeCalendar.WorkdayStart ? Start : NudgeCalendar.WorkdayStart, End > NudgeCalendar.QuietFrom ? End : NudgeCalendar.QuietFrom);

    public override string ToString() => $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>"09:00-17:00" (also "9-17", "9:00–17:30"); null with a reason when it is not a usable range.</summary>
    public static (WorkingHours? Hours, string? Problem) Parse(string text)
    {
        var parts = text.Replace('–', '-').Replace('—', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryTime(parts[0], out var start) || !TryTime(parts[1], out var end))
        {
            return (null, "Give your hours as a range, for example **peerbot hours 09:00-17:00**.");
        }
        if (end <= start || end - start < Shortest)
        {
            return (null, "The end must come at least an hour after the start, on the same day (for example 09:00-17:00).");
        }
        if (start.Minute % 30 != 0 || end.Minute % 30 != 0)
        {
            return (null, "Use whole or half hours (for example 08:30-16:30).");
        }
        return (new WorkingHours(start, end), null);
    }

    private static bool TryTime(string text, out TimeOnly time)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23)
        {
            time = new TimeOnly(hour, 0);
            return true;
        }
        return TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
