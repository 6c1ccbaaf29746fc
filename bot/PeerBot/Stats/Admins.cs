using PeerBot.Conversations;

namespace PeerBot.Stats;

/// <summary>
/// Who may run admin commands (statistics, channel nudges): member ids listed in <c>Admins:Ids</c>, plus members a
/// channel vouches for (<see cref="Member.IsAdmin"/>: Slack workspace admins and owners). Teams does not tell a bot who
/// owns a team without Microsoft Graph, so Teams admins are configured by id.
/// </summary>
public sealed class Admins(IConfiguration configuration)
{
    public bool Allows(Member member)
    {
        if (member.IsAdmin)
        {
            return true;
        }
        var ids = configuration.GetSection("Admins:Ids").Get<string[]>() ?? [];
        return ids.Contains(member.PeerId, StringComparer.Ordinal) || ids.Contains(member.UserId, StringComparer.Ordinal);
    }
}
