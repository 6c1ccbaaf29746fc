using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>A channel (not a person) PeerBot posts into: a Teams channel or a Slack channel.</summary>
/// <param name="Kind">"msteams" or "slack".</param>
/// <param name="ConversationId">The Teams conversation id or the Slack channel id.</param>
/// <param name="TenantId">The Teams tenant or Slack workspace.</param>
/// <remarks>
/// A channel id is only unique within its workspace or tenant (a Slack channel shared between workspaces has
/// the same id in each), so the tenant is part of every key: a command in one tenant never finds another's.
/// </remarks>
public sealed record NudgeChannel(string Kind, string ConversationId, string? TenantId)
{
    /// <summary>"{kind}:{tenant}:{conversation}"; the tenant is escaped so that it never holds a colon.</summary>
    public string Key => $"{Kind}:{Uri.EscapeDataString(TenantId ?? "")}:{ConversationId}";

    /// <summary>Reads <see cref="Key"/>; null for a key of any other shape.</summary>
    public static NudgeChannel? FromKey(string key)
    {
        var parts = key.Split(':', 3);
        return parts.Length == 3 && parts[0].Length > 0 && parts[2].Length > 0
            ? new NudgeChannel(parts[0], parts[2], parts[1].Length > 0 ? Uri.UnescapeDataString(parts[1]) : null)
            : null;
    }
}

/// <summary>Posts into channels of one kind. Teams: <c>Teams/TeamsChannelPoster</c>; Slack: with the Slack Web API client.</summary>
public interface IChannelPoster
{
    bool Reaches(NudgeChannel channel);

    Task<DeliveryOutcome> PostAsync(NudgeChannel channel, BotReply reply, CancellationToken cancellationToken);
}
