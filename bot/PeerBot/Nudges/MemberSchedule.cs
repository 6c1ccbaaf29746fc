namespace PeerBot.Nudges;

/// <summary>
/// Changes a member's nudge row and keeps their timer in step. The timer for a new due time is written before
/// the row, so a crash in between leaves at worst a stale timer (ignored when it fires), never a lost nudge.
/// </summary>
public sealed class MemberSchedule(NudgeMemberStore members, NudgeTimers timers)
{
    public static NudgeJob JobFor(string memberId, DateTimeOffset due) => new(JobKinds.Member, memberId, due);

    /// <param name="known">The row as the caller last read it: tried first, saving a read when nobody changed it since.</param>
    /// <param name="oldTimerGone">True when the old due time's timer is known to be gone (it fired and was queued).</param>
    public async Task<(NudgeMember? Before, NudgeMember? After)> ChangeAsync(string memberId, Func<NudgeMember?, NudgeMember?> change, CancellationToken cancellationToken, NudgeMember? known = null, bool oldTimerGone = false)
    {
        var (before, after) = await members.UpdateAsync(memberId, change, cancellationToken, known: known, beforeWrite: async (current, changed) =>
        {
            if (changed.NextDueAt is { } due && due != current?.NextDueAt)
            {
                await timers.ScheduleAsync(JobFor(memberId, due), cancellationToken);
            }
        });
        if (!oldTimerGone && before?.NextDueAt is { } old && old != after?.NextDueAt)
        {
            await timers.CancelAsync(JobFor(memberId, old), cancellationToken);
        }
        return (before, after);
    }
}
