using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>Which bot token serves a workspace: the configured one (single-workspace mode) or its installation's.</summary>
public sealed class SlackWorkspaces(SlackInstallationStore store, IOptionsMonitor<SlackOptions> options)
{
    public bool IsSingleWorkspace => options.CurrentValue.IsSingleWorkspace;

    public async Task<SlackInstallation?> FindAsync(string teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.IsSingleWorkspace)
        {
            return new SlackInstallation { TeamId = teamId, EnterpriseId = enterpriseId, BotToken = settings.BotToken! };
        }
        return await store.FindAsync(teamId, enterpriseId, cancellationToken);
    }
}
