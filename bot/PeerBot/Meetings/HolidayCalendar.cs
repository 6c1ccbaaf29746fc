using System.Collections.Concurrent;
using PublicHoliday;

namespace PeerBot.Meetings;

/// <summary>
/// Public holidays of the country a time zone belongs to, from the PublicHoliday package where it covers that
/// country. .NET names no country for an IANA zone (ICU's Windows-zone mapping answers every region with the
/// zone's "golden" city), so the zone → country step is a small table derived from the tz database's zone.tab.
/// </summary>
public sealed class HolidayCalendar
{
    private static readonly IReadOnlyDictionary<string, string> CountryByZone = Load();
    private readonly ConcurrentDictionary<(string Country, int Year), HashSet<DateOnly>> _years = new();

    /// <summary>The ISO country code of a zone, or null when PublicHoliday does not cover it (no holidays are assumed).</summary>
    public static string? CountryOf(TimeZoneInfo zone) => CountryByZone.GetValueOrDefault(zone.Id);

    public bool IsHoliday(TimeZoneInfo zone, DateOnly date)
    {
        if (CountryOf(zone) is not { } country)
        {
            return false;
        }
        var days = _years.GetOrAdd((country, date.Year), key =>
            [.. PublicHolidayFactory.GetPublicHolidayForCountry(key.Country).PublicHolidays(key.Year).Select(DateOnly.FromDateTime)]);
        return days.Contains(date);
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream("PeerBot.Meetings.zone-countries.tsv")
            ?? throw new InvalidOperationException("The zone → country table is not embedded.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Split('\t') is not [var zone, var country])
            {
                continue;
            }
            table[zone] = country;
        }
        return table;
    }
}
