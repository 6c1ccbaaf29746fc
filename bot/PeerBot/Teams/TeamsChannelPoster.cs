using Microsoft.Bot.Builder.Integration.AspNet.Core;
using PeerBot.Cards;
using PeerBot.Conversations;
using PeerBot.Nudges;

namespace PeerBot.Teams;

/// <summary>Posts into a Teams channel through the conversation reference kept when the bot was installed or mentioned there.</summary>
public sealed class TeamsChannelPoster(CloudAdapter adapter, ConversationReferenceStore references, CardLibrary cards, IConfiguration configuration) : IChannelPoster
{
    public bool Reaches(NudgeChannel channel) => channel.Kind == "msteams";

    public async Task<DeliveryOutcome> PostAsync(NudgeChannel channel, BotReply reply, CancellationToken cancellationToken)
    {
        var key = ConversationReferenceStore.ChannelKey(channel.ConversationId);
        var reference = await references.GetReachableAsync(key, cancellationToken);
        if (reference is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        try
        {
            await TeamsMessenger.SendAsync(adapter, configuration, reference, ActivityReplyChannel.ToActivity(reply, cards, reference.ChannelId), cancellationToken);
            return DeliveryOutcome.Delivered;
        }
        catch (Exception e) when (TeamsMessenger.IsForbidden(e))
        {
            await references.MarkUnreachableAsync(key, CancellationToken.None);
            return DeliveryOutcome.Blocked;
        }
    }
}
