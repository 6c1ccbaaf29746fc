using Microsoft.Bot.Builder.Integration.AspNet.Core;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>Proactive messages to Teams members: their stored conversation reference, then ContinueConversationAsync.</summary>
public sealed class TeamsMessenger(CloudAdapter adapter, ConversationReferenceStore references, CardLibrary cards, IConfiguration configuration) : IChannelMessenger
{
    // Teams members have ids from the Teams channel; Slack members are reached by the Slack messenger.
    public bool Reaches(string memberId) => !memberId.StartsWith("slack:", StringComparison.Ordinal);

    public async Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        var reference = await references.GetAsync(memberId, cancellationToken);
        if (reference is null)
        {
            return false;
        }
        var appId = configuration["MicrosoftAppId"] ?? "";
        await adapter.ContinueConversationAsync(appId, reference, async (turnContext, ct) =>
            await turnContext.SendActivityAsync(ActivityReplyChannel.ToActivity(reply, cards, reference.ChannelId), ct), cancellationToken);
        return true;
    }
}
