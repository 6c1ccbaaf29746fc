namespace PeerBot.Profiles;

/// <summary>The IANA time zones offered in the profile form; any other valid IANA id is accepted too.</summary>
public static class TimeZones
{
    public static readonly IReadOnlyList<string> Offered =
    [
        "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Toronto",
        "America/Mexico_City", "America/Sao_Paulo", "America/Bogota", "Europe/London", "Europe/Dublin",
        "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Europe/Madrid", "Europe/Rome",
        "Europe/Stockholm", "Europe/Warsaw", "Europe/Helsinki", "Europe/Istanbul", "Africa/Lagos",
        "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore",
        "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland", "UTC",
    ];

    public static bool IsKnown(string id) =>
        id.Length is > 0 and < 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
