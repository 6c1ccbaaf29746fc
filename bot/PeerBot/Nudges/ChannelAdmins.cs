using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>A channel's own word on whether someone administers it (Slack: workspace admins and owners).</summary>
public interface IChannelAdminCheck
{
    Task<bool> IsAdminAsync(ChatTurn turn, CancellationToken cancellationToken);
}

/// <summary>
/// Who may set a channel nudge: the members listed in <c>Admins:Ids</c> (member ids such as
/// "msteams:&lt;aad object id&gt;" or "slack:T123:U456", or bare user ids), plus anyone a channel's own
/// <see cref="IChannelAdminCheck"/> vouches for. Teams does not say who owns a team without Microsoft Graph,
/// so in Teams the configured list decides.
/// </summary>
public sealed class ChannelAdmins(IConfiguration configuration, IEnumerable<IChannelAdminCheck> checks)
{
    public async Task<bool> IsAdminAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Admins:Ids");
        var listed = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (listed.Any(id => id == turn.From.PeerId || id == turn.From.UserId))
        {
            return true;
        }
        foreach (var check in checks)
        {
            if (await check.IsAdminAsync(turn, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }
}
