using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>A channel (not a person) PeerBot posts into: a Teams channel or a Slack channel.</summary>
/// <param name="Kind">"msteams" or "slack".</param>
/// <param name="ConversationId">The Teams conversation id or the Slack channel id.</param>
/// <param name="TenantId">The Teams tenant or Slack workspace.</param>
public sealed record NudgeChannel(string Kind, string ConversationId, string? TenantId)
{
    public string Key => $"{Kind}:{ConversationId}";

    public static NudgeChannel FromKey(string key, string? tenantId)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new NudgeChannel(key[..colon], key[(colon + 1)..], tenantId);
    }
}

/// <summary>Posts into channels of one kind. Teams: <c>Teams/TeamsChannelPoster</c>; Slack: with the Slack Web API client.</summary>
public interface IChannelPoster
{
    bool Reaches(NudgeChannel channel);

    Task<DeliveryOutcome> PostAsync(NudgeChannel channel, BotReply reply, CancellationToken cancellationToken);
}
