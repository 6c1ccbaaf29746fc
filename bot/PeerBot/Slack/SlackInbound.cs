using System.Text.Json.Nodes;

namespace PeerBot.Slack;

public enum SlackInboundKind
{
    /// <summary>Not for PeerBot (another event, a bot's own message, a link button): acknowledged and dropped.</summary>
    Ignored,

    /// <summary>Typed text, a slash command, a button or a form: one turn for the bot.</summary>
    Message,

    /// <summary>The member opened PeerBot's messages: welcome them once.</summary>
    Joined,

    /// <summary>app_uninstalled, or tokens_revoked for the bot token: the installation goes.</summary>
    Uninstalled,
}

/// <summary>One Slack request, parsed: who, where, and what they said or pressed.</summary>
public sealed record SlackInbound
{
    public required SlackInboundKind Kind { get; init; }

    /// <summary>Stable per delivery (event_id, trigger_id), so that a retry or replay is recognised.</summary>
    public required string DeliveryId { get; init; }

    public required string TeamId { get; init; }
    public string? EnterpriseId { get; init; }
    public bool IsEnterpriseInstall { get; init; }
    public string UserId { get; init; } = "";
    public string? UserName { get; init; }

    /// <summary>The channel it happened in (for a modal: where the modal was opened from).</summary>
    public string ConversationId { get; init; } = "";

    /// <summary>True in the member's DM with PeerBot; null when that has to be looked up (a slash command in a DM).</summary>
    public bool? IsPersonal { get; init; }

    public string? Text { get; init; }
    public JsonObject? Value { get; init; }
    public string? TriggerId { get; init; }
    public Uri? ResponseUrl { get; init; }

    /// <summary>The message whose button was pressed, to update it in place.</summary>
    public string? MessageTs { get; init; }

    /// <summary>The pressed button was on an ephemeral message, which only its response_url can change.</summary>
    public bool FromEphemeral { get; init; }

    /// <summary>When Slack says it happened (event_time); orders an uninstall against a reinstall.</summary>
    public DateTimeOffset At { get; init; }

    public static SlackInbound Ignore(string deliveryId, string teamId) =>
        new() { Kind = SlackInboundKind.Ignored, DeliveryId = deliveryId, TeamId = teamId };
}
