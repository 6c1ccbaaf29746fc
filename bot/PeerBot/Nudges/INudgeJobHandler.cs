using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>Turns one kind of due job into the message to send, and finishes the bookkeeping afterwards.</summary>
public interface INudgeJobHandler
{
    string Kind { get; }

    /// <summary>The send this job calls for, or null when there is nothing to send (stale, paused, empty).</summary>
    Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken);
}

/// <summary>
/// One send: to a member (<see cref="MemberId"/>) or into a channel (<see cref="Channel"/>), then
/// <see cref="AfterAsync"/> with how it went (also when an earlier attempt already sent it).
/// </summary>
public sealed record DeliveryPlan(BotReply Reply, string? MemberId, NudgeChannel? Channel, Func<DeliveryOutcome, CancellationToken, Task> AfterAsync);
