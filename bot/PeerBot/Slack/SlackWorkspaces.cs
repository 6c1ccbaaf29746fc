using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>Which bot token serves a workspace: the configured one (single-workspace mode) or its installation's.</summary>
public sealed class SlackWorkspaces(SlackInstallationStore store, IOptionsMonitor<SlackOptions> options)
{
    private const int MaxNoted = 10_000;

    // Workspaces already recorded as part of an org-wide installation, so that each instance writes that once.
    private readonly ConcurrentDictionary<string, byte> _noted = new(StringComparer.Ordinal);

    public bool IsSingleWorkspace => options.CurrentValue.IsSingleWorkspace;

    /// <summary>
    /// The installation serving a workspace. Without the organization's id (a proactive message names only the
    /// member's workspace), an org-wide installation is found through the workspace's earlier requests.
    /// </summary>
    public async Task<SlackInstallation?> FindAsync(string teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.IsSingleWorkspace)
        {
            return new SlackInstallation { TeamId = teamId, EnterpriseId = enterpriseId, BotToken = settings.BotToken! };
        }
        return await store.FindAsync(teamId, enterpriseId, cancellationToken);
    }

    /// <summary>A request came from <paramref name="teamId"/> through <paramref name="installation"/>: records which organization serves the workspace.</summary>
    public async Task NoteAsync(SlackInstallation installation, string teamId, CancellationToken cancellationToken)
    {
        if (IsSingleWorkspace || !installation.IsEnterpriseInstall || installation.EnterpriseId is not { Length: > 0 } enterprise
            || teamId.Length == 0 || _noted.ContainsKey(teamId))
        {
            return;
        }
        await store.SaveWorkspaceAsync(teamId, enterprise, cancellationToken);
        if (_noted.Count >= MaxNoted)
        {
            _noted.Clear();
        }
        _noted[teamId] = 0;
    }
}
