namespace PeerBot.Conversations;

/// <summary>Sends to a member outside the current turn (proactively), in their own personal chat with the bot.</summary>
public interface IChannelMessenger
{
    /// <summary>The channel whose members this messenger reaches ("msteams", "slack").</summary>
    bool Reaches(string memberId);

    /// <summary>
    /// False when the member cannot be reached (no conversation reference, or marked unreachable). Throws
    /// <see cref="RecipientBlockedException"/> when the channel refuses for good (and marks the member).
    /// </summary>
    Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers to any member, whatever their channel. A member the bot cannot reach yet gets the message
/// when they next appear: it waits in the <see cref="Outbox"/>, so nothing is lost.
/// </summary>
public sealed class MemberMessenger(IEnumerable<IChannelMessenger> channels, Outbox outbox)
{
    /// <summary>True when delivered now, false when queued for the member's next visit.</summary>
    /// <param name="about">Other members the message speaks of, so their erasure can withdraw it while it waits.</param>
    public async Task<bool> SendAsync(string memberId, BotReply reply, CancellationToken cancellationToken, IReadOnlyList<string>? about = null)
    {
        if (await DeliverNowAsync(memberId, reply, cancellationToken) == DeliveryOutcome.Delivered)
        {
            return true;
        }
        await outbox.EnqueueAsync(memberId, reply, about ?? [], cancellationToken);
        return false;
    }

    /// <summary>Sends now or not at all (for messages that would be stale by the member's next visit, such as nudges).</summary>
    public async Task<DeliveryOutcome> DeliverNowAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Reaches(memberId));
        if (channel is null)
        {
            return DeliveryOutcome.Unreachable;
        }
        try
        {
            return await channel.TrySendAsync(memberId, reply, cancellationToken) ? DeliveryOutcome.Delivered : DeliveryOutcome.Unreachable;
        }
        catch (RecipientBlockedException)
        {
            return DeliveryOutcome.Blocked;
        }
    }
}
