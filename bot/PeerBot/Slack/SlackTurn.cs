namespace PeerBot.Slack;

/// <summary>
/// Where a turn's replies go in Slack, kept in the turn state for <see cref="SlackAdapter"/>: the workspace's
/// token, the channel, and the one-shot handles Slack gave with the request (trigger_id, response_url).
/// </summary>
public sealed class SlackTurn
{
    /// <summary>Slack accepts at most five posts to one response_url.</summary>
    public const int ResponseUrlUses = 5;

    public required SlackInstallation Installation { get; init; }
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }

    /// <summary>The member's DM with PeerBot: replies are lasting messages there.</summary>
    public required bool IsPersonal { get; init; }

    /// <summary>Opens one modal, within 3 seconds of the click or command; cleared once used.</summary>
    public string? TriggerId { get; set; }

    public Uri? ResponseUrl { get; init; }
    public int ResponseUrlUsed { get; set; }
    public bool FromEphemeral { get; init; }

    public bool CanRespond => ResponseUrl is not null && ResponseUrlUsed < ResponseUrlUses;
}
