using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>A member's normalised role, as the matching engine reads their title ("" when it cannot).</summary>
public static class NudgeRoles
{
    public static string KeyOf(Peer peer) => SimpleRoles.Parse(peer.Title)?.ToString() ?? "";
}
