namespace PeerBot.Slack;

/// <summary>
/// Where a turn's replies go in Slack: the workspace's token, the channel, and the one-shot handles Slack gave with
/// the request (trigger_id, response_url). Proactive posts use one too, with no handles.
/// </summary>
public sealed class SlackTurn
{
    /// <summary>Slack accepts at most five posts to one response_url.</summary>
    public const int ResponseUrlUses = 5;

    public required SlackInstallation Installation { get; init; }
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>Replies are lasting messages in <see cref="ConversationId"/> (the member's DM with PeerBot, or a proactive post).</summary>
    public required bool IsPersonal { get; init; }

    /// <summary>Opens one modal, within 3 seconds of the click or command; cleared once used.</summary>
    public string? TriggerId { get; set; }

    public Uri? ResponseUrl { get; init; }
    public int ResponseUrlUsed { get; set; }
    public bool FromEphemeral { get; init; }

    /// <summary>The message whose button started the turn, which a card update replaces.</summary>
    public string? MessageTs { get; init; }

    public bool CanRespond => ResponseUrl is not null && ResponseUrlUsed < ResponseUrlUses;
}
