namespace PeerBot.Conversations;

/// <summary>
/// The channel refused a message for good (Teams 403: the member blocked or removed the bot). The member is
/// marked unreachable and nothing is retried until they talk to the bot again.
/// </summary>
public sealed class RecipientBlockedException : Exception
{
    public RecipientBlockedException() { }
    public RecipientBlockedException(string message) : base(message) { }
    public RecipientBlockedException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>How a proactive send ended.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>No way to reach the member yet, or they are marked unreachable: nothing was sent.</summary>
    Unreachable,

    /// <summary>The channel refused it for good (403); the member is now marked unreachable.</summary>
    Blocked,
}
