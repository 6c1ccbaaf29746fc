using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>A member's normalised role ("VP · Marketing"), as the matching engine reads their title; "" when it cannot.</summary>
public static class NudgeRoles
{
    private static readonly RoleReader Reader = new(Taxonomy.Default);

    public static string KeyOf(Peer peer)
    {
        var readings = Reader.ReadTitle(peer.Title).Readings;
        var reading = readings.Count > 0 ? readings[0] : null;
        return reading is null ? "" : reading.Level is null ? reading.Function.Name : $"{reading.Level.Name} · {reading.Function.Name}";
    }
}
