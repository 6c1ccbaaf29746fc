using PeerBot.Conversations;
using PeerBot.Nudges;

namespace PeerBot.Slack;

/// <summary>
/// Channel nudges in Slack: chat.postMessage into the channel with the workspace's token (Block Kit from
/// cards/slack, one message per second per channel, 429s retried).
/// </summary>
public sealed partial class SlackChannelPoster(SlackWorkspaces workspaces, SlackReplies replies, ILogger<SlackChannelPoster> logger) : IChannelPoster
{
    /// <summary>Slack's answers that mean the bot cannot post there until someone changes something.</summary>
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked", "invalid_auth", "not_authed", "team_access_not_granted",
    };

    public bool Reaches(NudgeChannel channel) => channel.Kind == SlackSetup.ChannelId;

    public async Task<DeliveryOutcome> PostAsync(NudgeChannel channel, BotReply reply, CancellationToken cancellationToken)
    {
        var installation = channel.TenantId is { Length: > 0 } team ? await workspaces.FindAsync(team, null, cancellationToken) : null;
        if (installation is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        var post = new SlackTurn { Installation = installation, UserId = "", ConversationId = channel.ConversationId, IsPersonal = true };
        try
        {
            await replies.For(post).SendAsync(reply, cancellationToken);
            return DeliveryOutcome.Delivered;
        }
        catch (SlackApiException e) when (Gone.Contains(e.Error))
        {
            LogGone(logger, e.Error);
            return DeliveryOutcome.Blocked;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused a channel nudge ({Error}); it is not retried")]
    private static partial void LogGone(ILogger logger, string error);
}
