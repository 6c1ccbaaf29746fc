using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using PeerBot.Cards;
using PeerBot.Conversations;
using PeerBot.Teams;

namespace PeerBot.Slack;

/// <summary>Proactive messages to Slack members (<c>slack:{team}:{user}</c>): their DM with PeerBot, opened with conversations.open.</summary>
public sealed partial class SlackMessenger(
    SlackAdapter adapter,
    SlackWorkspaces workspaces,
    SlackMembers members,
    ConversationReferenceStore references,
    CardLibrary cards,
    IOptions<SlackOptions> options,
    ILogger<SlackMessenger> logger) : IChannelMessenger
{
    public bool Reaches(string memberId) => memberId.StartsWith("slack:", StringComparison.Ordinal);

    public async Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        if (memberId.Split(':') is not [_, var team, var user])
        {
            return false;
        }
        // An org-wide installation is found by the enterprise id, which the member's last turn recorded.
        var known = await references.GetAsync(memberId, cancellationToken);
        var enterprise = known?.Conversation?.Properties?.Value<string>("enterpriseId");
        var installation = await workspaces.FindAsync(team, enterprise, cancellationToken);
        if (installation is null)
        {
            return false;
        }
        try
        {
            var channel = await members.DirectMessageAsync(installation, user, cancellationToken);
            var conversation = new ConversationAccount(isGroup: false, conversationType: "personal", id: channel, tenantId: team);
            if (enterprise is not null)
            {
                conversation.Properties["enterpriseId"] = enterprise;
            }
            var reference = new ConversationReference
            {
                ChannelId = SlackAdapter.ChannelId,
                ServiceUrl = options.Value.ApiBaseUrl.ToString(),
                Conversation = conversation,
                User = new ChannelAccount(user),
                Bot = new ChannelAccount(installation.BotUserId ?? "peerbot", "PeerBot"),
            };
            await adapter.ContinueConversationAsync(reference.Bot.Id, reference, async (turnContext, ct) =>
                await turnContext.SendActivityAsync(ActivityReplyChannel.ToActivity(reply, cards, SlackAdapter.ChannelId), ct), cancellationToken);
            return true;
        }
        catch (SlackApiException e)
        {
            // Kept in the outbox for the member's next visit.
            LogUnreachable(logger, e.Method, e.Error);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, "http", e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not message a Slack member ({Method}: {Error}); kept for their next visit")]
    private static partial void LogUnreachable(ILogger logger, string method, string error);
}
