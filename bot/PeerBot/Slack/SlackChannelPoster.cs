using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using PeerBot.Cards;
using PeerBot.Conversations;
using PeerBot.Nudges;
using PeerBot.Teams;

namespace PeerBot.Slack;

/// <summary>
/// Channel nudges in Slack: chat.postMessage into the channel with the workspace's token, through the adapter's
/// outbound path (Block Kit from cards/slack, one message per second per channel, 429s retried).
/// </summary>
public sealed partial class SlackChannelPoster(SlackAdapter adapter, SlackWorkspaces workspaces, CardLibrary cards, IOptions<SlackOptions> options, ILogger<SlackChannelPoster> logger) : IChannelPoster
{
    /// <summary>Slack's answers that mean the bot cannot post there until someone changes something.</summary>
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal)
    {
        "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked", "invalid_auth", "not_authed", "team_access_not_granted",
    };

    public bool Reaches(NudgeChannel channel) => channel.Kind == SlackAdapter.ChannelId;

    public async Task<DeliveryOutcome> PostAsync(NudgeChannel channel, BotReply reply, CancellationToken cancellationToken)
    {
        var installation = channel.TenantId is { Length: > 0 } team ? await workspaces.FindAsync(team, null, cancellationToken) : null;
        if (installation is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        var reference = new ConversationReference
        {
            ChannelId = SlackAdapter.ChannelId,
            ServiceUrl = options.Value.ApiBaseUrl.ToString(),
            Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: channel.ConversationId, tenantId: installation.TeamId),
            Bot = new ChannelAccount(installation.BotUserId ?? "peerbot", "PeerBot"),
        };
        try
        {
            await adapter.ContinueConversationAsync(reference.Bot.Id, reference, async (turnContext, ct) =>
                await turnContext.SendActivityAsync(ActivityReplyChannel.ToActivity(reply, cards, SlackAdapter.ChannelId), ct), cancellationToken);
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
