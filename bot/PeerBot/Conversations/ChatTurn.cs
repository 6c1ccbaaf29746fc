using System.Text.Json.Nodes;

namespace PeerBot.Conversations;

/// <summary>Who is speaking, as far as the channel tells us. Channel-neutral: Teams and Slack both map onto it.</summary>
public sealed record Member(string Channel, string UserId, string? TenantId, string? Email, string? Name)
{
    /// <summary>True when the channel itself says the member administers it (e.g. a Slack workspace admin).</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The Teams user principal name, when the channel's roster has told us.</summary>
    public string? Upn { get; init; }

    /// <summary>A guest of the tenant (Teams roster userRole "guest"), when the roster has told us.</summary>
    public bool IsGuest { get; init; }

    /// <summary>The member's id in the peer network (see <see cref="Profiles.Peer.Id"/>).</summary>
    public string PeerId => TenantId is { Length: > 0 } tenant && Channel == "slack"
        ? $"slack:{tenant}:{UserId}"
        : $"{Channel}:{UserId}";
}

/// <summary>One inbound turn, stripped of channel specifics: text typed, or the data of a card action.</summary>
public sealed record ChatTurn(Member From, string ConversationId, bool IsPersonal, string? Text, JsonObject? Value, string? ActivityId)
{
    /// <summary>The verb of a card action (<c>action</c> in Action.Submit data, <c>verb</c> for Action.Execute).</summary>
    public string? Action => (Value?["action"] ?? Value?["verb"]) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The member's IANA time zone when the client reports it (Teams does, in clientInfo).</summary>
    public string? LocalTimeZone { get; init; }

    /// <summary>
    /// The team a channel conversation belongs to, by the id the channel's directory knows it by (Teams: the team's
    /// Microsoft 365 group id); null in personal and group chats, or when the channel does not say.
    /// </summary>
    public string? TeamId { get; init; }

    /// <summary>
    /// True when the edge has already recorded this delivery in the <see cref="TurnLedger"/> (Slack claims every
    /// acknowledged request before it works on it), so the router does not record it a second time.
    /// </summary>
    public bool IsClaimed { get; init; }

    /// <summary>When the channel says the member sent it; the same on every repeat delivery (the turn ledger keys on it).</summary>
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>Something the bot says back: a card bound to view data, or plain text.</summary>
public abstract record BotReply;

/// <param name="Template">Card name; each channel renders it from its own folder under <c>cards/</c>.</param>
/// <param name="Data">View data, shared by the Adaptive Card and Block Kit templates.</param>
/// <param name="Summary">Plain-text fallback for notifications and clients that cannot render cards.</param>
public sealed record CardReply(string Template, JsonObject Data, string Summary) : BotReply;

public sealed record TextReply(string Text) : BotReply;

/// <summary>Where replies go for the current turn; each channel's edge provides one.</summary>
public interface IReplyChannel
{
    Task SendAsync(BotReply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the card whose button started this turn, for the member who pressed it (Teams: the Universal
    /// Actions response; older clients and other channels: an updated or new message).
    /// </summary>
    Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken);

    /// <summary>
    /// The card whose button started this turn, as it was sent, when the channel still knows it (Teams: cards this
    /// instance sent recently); null otherwise. Lets an action redraw that card with the action's outcome.
    /// </summary>
    CardReply? OriginalCard => null;
}
