namespace PeerBot.Nudges;

/// <summary>How often a member hears from PeerBot.</summary>
public enum Cadence
{
    Weekly,
    Biweekly,
    Monthly,
    Off,
}

/// <summary>The weekday and local time a member's nudges arrive (default Tuesday 10:00).</summary>
public sealed record NudgeTime(DayOfWeek Day, TimeOnly Time)
{
    public static readonly NudgeTime Default = new(DayOfWeek.Tuesday, new TimeOnly(10, 0));

    public override string ToString() => $"{Day.ToString()[..3]} {Time:HH\\:mm}";
}

public static class Cadences
{
    public static string Label(Cadence cadence) => cadence switch
    {
        Cadence.Weekly => "weekly",
        Cadence.Biweekly => "every 2 weeks",
        Cadence.Monthly => "monthly",
        _ => "off",
    };

    /// <summary>Reads "weekly", "every 2 weeks", "biweekly", "fortnightly", "monthly", "off".</summary>
    public static Cadence? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "weekly" or "every week" or "1w" => Cadence.Weekly,
        "biweekly" or "every 2 weeks" or "every two weeks" or "fortnightly" or "2w" => Cadence.Biweekly,
        "monthly" or "every month" => Cadence.Monthly,
        "off" or "never" or "none" or "stop" => Cadence.Off,
        _ => null,
    };

    /// <summary>Reads "mon".."sun" and full day names.</summary>
    public static DayOfWeek? Day(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length < 2)
        {
            return null;
        }
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (day.ToString().StartsWith(t, StringComparison.OrdinalIgnoreCase) && t.Length >= 3)
            {
                return day;
            }
        }
        return null;
    }

    /// <summary>Reads "9:00", "09:30", "14h", "10".</summary>
    public static TimeOnly? Time(string text)
    {
        var t = text.Trim().TrimEnd('h', 'H');
        var parts = t.Split(':');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var hour))
        {
            return null;
        }
        var minute = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out minute))
        {
            return null;
        }
        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? new TimeOnly(hour, minute) : null;
    }
}
