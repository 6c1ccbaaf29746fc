namespace PeerBot.Nudges;

/// <summary>
/// Moves a connection's "Did you meet?" when something knows better than "seven days after connecting": a meeting
/// booked through PeerBot asks two hours after it ends (moved, like every follow-up, out of weekends and quiet
/// hours). Only a first question not yet asked moves; the follow-up engine itself is unchanged.
/// </summary>
public sealed class FollowUpTiming(FollowUps followUps, NudgeMemberStore members, NudgeTimers timers)
{
    public async Task MoveAsync(string pairKey, int round, string memberId, DateTimeOffset connectedAt, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var current = await followUps.GetAsync(pairKey, memberId, cancellationToken);
        if (current is not null && (current.Round > round || (current.Round == round && (current.Asked > 0 || current.AnsweredAsk > 0))))
        {
            return;
        }
        var member = await members.GetAsync(memberId, cancellationToken);
        var due = NudgeCalendar.NextAllowed(notBefore, member?.Zone ?? TimeZoneInfo.Utc, member?.At ?? NudgeTime.Default);
        // The timer first: should the row then fail, the job finds the row unmoved and does nothing.
        await timers.ScheduleAsync(FollowUpHandler.JobFor(memberId, pairKey, round, 1, due), cancellationToken);
        await followUps.SetDueAsync(pairKey, memberId, round, connectedAt, due, cancellationToken);
    }

    /// <summary>Back to the rule without a meeting: seven days after connecting, or now when that has passed.</summary>
    public Task ResetAsync(string pairKey, int round, string memberId, DateTimeOffset connectedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = connectedAt + FollowUpHandler.After;
        return MoveAsync(pairKey, round, memberId, connectedAt, due > now ? due : now, cancellationToken);
    }
}
