using System.Globalization;

namespace PeerBot.Meetings;

/// <summary>How a time reads for one member: their own local time first, the other's beside it.</summary>
public static class MeetingTimes
{
    /// <summary>"Tue 10 Mar, 16:00 your time · 10:00 for Ana" (the other's weekday added when their date differs).</summary>
    public static string Both(DateTimeOffset start, TimeZoneInfo mine, TimeZoneInfo theirs, string otherName, int? minutes = null)
    {
        var local = TimeZoneInfo.ConvertTime(start, mine);
        var other = TimeZoneInfo.ConvertTime(start, theirs);
        var until = minutes is { } m ? "–" + TimeZoneInfo.ConvertTime(start.AddMinutes(m), mine).ToString("HH:mm", CultureInfo.InvariantCulture) : "";
        var otherDay = other.Date != local.Date ? " " + other.ToString("ddd", CultureInfo.InvariantCulture) : "";
        return $"{local.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture)}{until} your time · {other.ToString("HH:mm", CultureInfo.InvariantCulture)}{otherDay} for {FirstName(otherName)}";
    }

    /// <summary>"Tue 10 Mar, 16:00" in the member's zone.</summary>
    public static string Mine(DateTimeOffset start, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(start, zone).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);

    public static string FirstName(string name)
    {
        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "them";
        // Slack checkbox labels are short; a very long first name must not push the times out.
        return first.Length > 20 ? first[..20] : first;
    }
}
