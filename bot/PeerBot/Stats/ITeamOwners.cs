using PeerBot.Conversations;

namespace PeerBot.Stats;

/// <summary>
/// A channel's answer to "does this member own a team where PeerBot lives?", for channels (Teams) that only say so
/// when asked. Answers are "no" whenever the channel cannot be asked.
/// </summary>
public interface ITeamOwners
{
    /// <summary>The channel whose members this answers for (see <see cref="Member.Channel"/>).</summary>
    string Channel { get; }

    /// <summary>Whether the member owns the team (<see cref="ChatTurn.TeamId"/>).</summary>
    Task<bool> OwnsAsync(Member member, string teamId, CancellationToken cancellationToken);

    /// <summary>Whether the member owns any team of their own organization that PeerBot is installed in.</summary>
    Task<bool> OwnsAnyAsync(Member member, CancellationToken cancellationToken);
}
