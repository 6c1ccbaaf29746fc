using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>Proactive messages to Teams members: their stored conversation reference, then ContinueConversationAsync.</summary>
public sealed class TeamsMessenger(CloudAdapter adapter, ConversationReferenceStore references, CardLibrary cards, IConfiguration configuration) : IChannelMessenger
{
    // Teams members have ids from the Teams channel; Slack members are reached by the Slack messenger, and the
    // fictional demo members ("demo:…") by the demo network, which answers for them.
    public bool Reaches(string memberId) =>
        !memberId.StartsWith("slack:", StringComparison.Ordinal) && !memberId.StartsWith("demo:", StringComparison.Ordinal);

    public async Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        var reference = await references.GetReachableAsync(memberId, cancellationToken);
        if (reference is null)
        {
            return false;
        }
        try
        {
            await SendAsync(adapter, configuration, reference, ActivityReplyChannel.ToActivity(reply, cards), cancellationToken);
            return true;
        }
        catch (Exception e) when (IsForbidden(e))
        {
            await references.MarkUnreachableAsync(memberId, CancellationToken.None);
            throw new RecipientBlockedException($"Teams refused the message to {memberId} (403).", e);
        }
    }

    /// <summary>
    /// Sends one activity into a stored conversation. A failure is rethrown to the caller here rather than
    /// inside the turn, where the adapter's error handler would try to post an apology into the conversation.
    /// </summary>
    public static async Task SendAsync(CloudAdapter adapter, IConfiguration configuration, ConversationReference reference, IActivity activity, CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? failure = null;
        await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turnContext, ct) =>
        {
            try
            {
                await turnContext.SendActivityAsync(activity, ct);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, cancellationToken);
        failure?.Throw();
    }

    public static bool IsForbidden(Exception e) => e switch
    {
        ErrorResponseException { Response.StatusCode: HttpStatusCode.Forbidden } => true,
        Microsoft.Rest.HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } => true,
        _ => false,
    };
}
