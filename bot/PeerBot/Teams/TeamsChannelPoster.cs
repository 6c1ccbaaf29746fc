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
        var (key, reference) = await FindAsync(channel, cancellationToken);
        if (reference is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        try
        {
            await TeamsMessenger.SendAsync(adapter, configuration, reference, ActivityReplyChannel.ToActivity(reply, cards), cancellationToken);
            return DeliveryOutcome.Delivered;
        }
        catch (Exception e) when (TeamsMessenger.IsForbidden(e))
        {
            await references.MarkUnreachableAsync(key, CancellationToken.None);
            return DeliveryOutcome.Blocked;
        }
    }

    /// <summary>
    /// The channel's reference in its own tenant. A reference kept before keys named the tenant is used only
    /// when it is a Teams reference of that same tenant.
    /// </summary>
    private async Task<(string Key, Microsoft.Bot.Schema.ConversationReference? Reference)> FindAsync(NudgeChannel channel, CancellationToken cancellationToken)
    {
        var key = ConversationReferenceStore.ChannelKey(channel.Kind, channel.TenantId, channel.ConversationId);
        if (await references.GetReachableAsync(key, cancellationToken) is { } scoped)
        {
            return (key, scoped);
        }
        var unscoped = ConversationReferenceStore.UnscopedChannelKey(channel.ConversationId);
        var earlier = await references.GetReachableAsync(unscoped, cancellationToken);
        return earlier is { ChannelId: "msteams" } && earlier.Conversation?.TenantId == channel.TenantId
            ? (unscoped, earlier)
            : (key, null);
    }
}
