using PeerBot.Conversations;
using PeerBot.Stats;

namespace PeerBot.Teams;

/// <summary>Teams team owners, by Microsoft Graph: of one team, or of any team in the member's tenant that PeerBot is in.</summary>
public sealed class TeamOwners(GraphTeamRoster roster, TeamInstallStore installs) : ITeamOwners
{
    public string Channel => "msteams";

    public Task<bool> OwnsAsync(Member member, string teamId, CancellationToken cancellationToken) =>
        roster.IsOwnerAsync(member, teamId, cancellationToken);

    public async Task<bool> OwnsAnyAsync(Member member, CancellationToken cancellationToken)
    {
        // Only the member's own tenant: owning a team elsewhere says nothing about this organization.
        if (!roster.Enabled || member.TenantId is not { Length: > 0 } tenant)
        {
            return false;
        }
        foreach (var install in await installs.ListAsync(tenant, cancellationToken))
        {
            if (await roster.IsOwnerAsync(member, install.AadGroupId, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }
}
