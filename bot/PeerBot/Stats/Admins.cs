using PeerBot.Conversations;

namespace PeerBot.Stats;

/// <summary>
/// Who may run admin commands (statistics, channel nudges): member ids listed in <c>Admins:Ids</c>; members the channel
/// vouches for on the turn (<see cref="Member.IsAdmin"/>: Slack workspace admins and owners); and team owners, whom
/// Teams names only when asked (<see cref="ITeamOwners"/>). In a team channel that is the owner of that team; in a
/// personal chat, the owner of any team of the member's own organization where PeerBot is installed.
/// </summary>
public sealed class Admins(IConfiguration configuration, IEnumerable<ITeamOwners> owners)
{
    public async Task<bool> AllowsAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var member = turn.From;
        if (member.IsAdmin || IsConfigured(member))
        {
            return true;
        }
        var teams = owners.FirstOrDefault(o => o.Channel == member.Channel);
        if (teams is null)
        {
            return false;
        }
        if (turn.IsPersonal)
        {
            return await teams.OwnsAnyAsync(member, cancellationToken);
        }
        // A group chat belongs to no team, so nobody owns it.
        return turn.TeamId is { } team && await teams.OwnsAsync(member, team, cancellationToken);
    }

    /// <summary>Listed in <c>Admins:Ids</c>: an admin of the whole deployment, not only of a workspace or team.</summary>
    public bool IsNetworkAdmin(Member member) => IsConfigured(member);

    private bool IsConfigured(Member member)
    {
        var ids = configuration.GetSection("Admins:Ids").Get<string[]>() ?? [];
        // A bare id names a member only where user ids are unique network-wide (Teams' directory object ids); a Slack
        // user id is unique only inside its workspace, so Slack admins are listed by their full peer id.
        return ids.Contains(member.PeerId, StringComparer.Ordinal)
            || (member.Channel != "slack" && ids.Contains(member.UserId, StringComparer.Ordinal));
    }
}
