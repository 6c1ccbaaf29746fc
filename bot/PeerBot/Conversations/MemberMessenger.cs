namespace PeerBot.Conversations;

/// <summary>Sends to a member outside the current turn (proactively), in their own personal chat with the bot.</summary>
public interface IChannelMessenger
{
    /// <summary>The channel whose members this messenger reaches ("msteams", "slack").</summary>
    bool Reaches(string memberId);

    /// <summary>False when the member cannot be reached yet (no conversation reference).</summary>
    Task<bool> TrySendAsync(string memberId, BotReply reply, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers to any member, whatever their channel. A member the bot cannot reach yet gets the message
/// when they next appear: it waits in the <see cref="Outbox"/>, so nothing is lost.
/// </summary>
public sealed class MemberMessenger(IEnumerable<IChannelMessenger> channels, Outbox outbox)
{
    /// <summary>True when delivered now, false when queued for the member's next visit.</summary>
    public async Task<bool> SendAsync(string memberId, BotReply reply, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Reaches(memberId));
        if (channel is not null && await channel.TrySendAsync(memberId, reply, cancellationToken))
        {
            return true;
        }
        await outbox.EnqueueAsync(memberId, reply, cancellationToken);
        return false;
    }
}
