using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>
/// A member's zone for meetings. "UTC" is what a profile holds when nobody said where the member is (an import
/// without a time zone, a client that reported none), so it counts as unknown and the member is asked first.
/// </summary>
public static class MeetingZones
{
    public static TimeZoneInfo? Of(Peer? peer) =>
        peer is not null && IsChoosable(peer.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(peer.TimeZone, out var zone) ? zone : null;

    /// <summary>An IANA zone of a place (not UTC itself), as the time zone question accepts.</summary>
    public static bool IsChoosable(string? id) =>
        id is { Length: > 0 } && TimeZones.IsKnown(id) && id is not ("UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu");

    /// <summary>The zones offered in the question: the profile list without UTC, with the client's own zone first when it reported one.</summary>
    public static IReadOnlyList<string> Offered(string? clientZone)
    {
        var list = TimeZones.Offered.Where(IsChoosable).ToList();
        if (IsChoosable(clientZone))
        {
            list.Remove(clientZone!);
            list.Insert(0, clientZone!);
        }
        return list;
    }
}
