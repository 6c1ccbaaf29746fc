using Cronos;

namespace PeerBot.Nudges;

/// <summary>
/// When a channel hears from PeerBot: a cron expression (five fields) read in an IANA time zone. Written as
/// "weekly tue 09:00 Europe/Berlin", "daily 09:00 America/New_York" (weekdays) or "0 9 * * 2 Europe/Berlin".
/// </summary>
public sealed record ChannelSchedule(string Cron, string TimeZone)
{
    private CronExpression Expression => CronExpression.Parse(Cron, CronFormat.Standard);

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>
    /// The next post strictly after <paramref name="after"/>. Cronos keeps local wall time across
    /// daylight-saving changes: a time skipped in spring runs when the clock jumps, and a time repeated in
    /// autumn runs once.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Expression.GetNextOccurrence(after, Zone);

    public string Describe() => $"{Cron} ({TimeZone})";

    /// <summary>Reads the text after "nudge"; an error message instead when it cannot.</summary>
    public static (ChannelSchedule? Schedule, string? Error) Parse(string text)
    {
        var words = text.Replace("\"", " ", StringComparison.Ordinal).Replace("'", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (words.Count > 0 && words[0].Equals("cron", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(0);
        }
        if (words.Count == 0)
        {
            return (null, Usage);
        }
        var zoneId = "UTC";
        if (words.Count > 1 && LooksLikeZone(words[^1]))
        {
            zoneId = words[^1];
            words.RemoveAt(words.Count - 1);
        }
        if (!System.TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return (null, $"I don't know the time zone “{zoneId}”. Use an IANA name such as Europe/Berlin or America/New_York.");
        }
        zoneId = zone.Id;

        string cron;
        var kind = words[0].ToLowerInvariant();
        if (kind is "weekly" or "daily")
        {
            var expected = kind == "weekly" ? 3 : 2;
            var day = kind == "weekly" && words.Count > 1 ? Cadences.Day(words[1]) : DayOfWeek.Monday;
            var time = words.Count == expected ? Cadences.Time(words[^1]) : null;
            if (day is null || time is null)
            {
                return (null, Usage);
            }
            var days = kind == "weekly" ? ((int)day.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1-5";
            cron = $"{time.Value.Minute} {time.Value.Hour} * * {days}";
        }
        else if (words.Count == 5)
        {
            cron = string.Join(' ', words);
        }
        else
        {
            return (null, Usage);
        }
        try
        {
            _ = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return (null, $"That cron expression does not parse: {e.Message}");
        }
        return (new ChannelSchedule(cron, zoneId), null);
    }

    public const string Usage = "Try **nudge weekly tue 09:00 Europe/Berlin**, **nudge daily 09:00 America/New_York**, **nudge 0 9 * * 2 Europe/Berlin**, **nudge show** or **nudge off**.";

    private static bool LooksLikeZone(string word) =>
        word.Contains('/', StringComparison.Ordinal) || word.Equals("UTC", StringComparison.OrdinalIgnoreCase) || word.Equals("GMT", StringComparison.OrdinalIgnoreCase);
}
