using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>Proactive messages to Slack members (<c>slack:{team}:{user}</c>): their DM with PeerBot, opened with conversations.open.</summary>
public sealed partial class SlackMessenger(SlackWorkspaces workspaces, SlackMembers members, SlackReplies replies, ILogger<SlackMessenger> logger) : IChannelMessenger
{
    public bool Reaches(string memberId) => memberId.StartsWith(SlackSetup.ChannelId + ":", StringComparison.Ordinal);

    public async Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        if (memberId.Split(':') is not [_, var team, var user])
        {
            return false;
        }
        // An org-wide installation is found through the organization its workspaces were seen in.
        var installation = await workspaces.FindAsync(team, null, cancellationToken);
        if (installation is null)
        {
            return false;
        }
        try
        {
            var channel = await members.DirectMessageAsync(installation, user, cancellationToken);
            var direct = new SlackTurn { Installation = installation, UserId = user, ConversationId = channel, IsPersonal = true };
            await replies.For(direct).SendAsync(reply, cancellationToken);
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
