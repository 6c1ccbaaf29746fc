using System.Globalization;
using PeerBot.Nudges;

namespace PeerBot.Meetings;

/// <summary>The kinds of scheduled meeting work, run by the nudge engine (timers in Table Storage, a queue, exactly-once sends).</summary>
public static class MeetingJobs
{
    /// <summary>One hour before the start, to each member (unless "peerbot reminders off").</summary>
    public const string Reminder = "meeting-reminder";

    /// <summary>A member who has not answered a round of slots: two reminders, a gentle nudge, then the other is told.</summary>
    public const string Chase = "meeting-chase";

    /// <summary>Ninety days after both said "meet again": a new "Find a time".</summary>
    public const string Again = "meeting-again";

    public static string Detail(params object[] parts) => string.Join(':', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));
}

/// <summary>Puts meeting work on the nudge engine's timers, and moves the "Did you meet?" follow-up with the booking.</summary>
public sealed class MeetingSchedule(NudgeTimers timers, FollowUpTiming followUps, TimeProvider clock)
{
    public Task RemindAsync(Meeting meeting, string memberId, MeetingMember settings, CancellationToken cancellationToken) =>
        settings.RemindersOff || meeting.Start is not { } start || start - MeetingRules.ReminderBefore <= clock.GetUtcNow()
            ? Task.CompletedTask
            : timers.ScheduleAsync(ReminderJob(meeting, memberId), cancellationToken);

    public static NudgeJob ReminderJob(Meeting meeting, string memberId) =>
        new(MeetingJobs.Reminder, memberId, meeting.Start!.Value - MeetingRules.ReminderBefore, MeetingJobs.Detail(meeting.PairKey, meeting.Number, meeting.Sequence));

    /// <summary>Step 1–4 of chasing a member who has not answered this round, due from the round's start and moved into their working time.</summary>
    public Task ChaseAsync(Meeting meeting, string memberId, TimeZoneInfo zone, int step, CancellationToken cancellationToken)
    {
        if (step > MeetingRules.Chase.Count)
        {
            return Task.CompletedTask;
        }
        var due = NudgeCalendar.NextAllowed(meeting.RoundStartedAt + MeetingRules.Chase[step - 1], zone, NudgeTime.Default);
        return timers.ScheduleAsync(new NudgeJob(MeetingJobs.Chase, memberId, due, MeetingJobs.Detail(meeting.PairKey, meeting.Number, meeting.Round, step)), cancellationToken);
    }

    public Task AgainAsync(Meeting meeting, string memberId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var due = NudgeCalendar.NextAllowed(clock.GetUtcNow() + MeetingRules.AgainAfter, zone, NudgeTime.Default);
        return timers.ScheduleAsync(new NudgeJob(MeetingJobs.Again, memberId, due, MeetingJobs.Detail(meeting.PairKey, meeting.Number)), cancellationToken);
    }

    /// <summary>"Did you meet?" two hours after the booked end, for both.</summary>
    public async Task FollowUpAfterAsync(Meeting meeting, MeetingPair pair, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { meeting.OrganizerId, meeting.GuestId })
        {
            await followUps.MoveAsync(meeting.PairKey, meeting.IntroRound, id, pair.ConnectedAt, meeting.End!.Value + MeetingRules.FollowUpAfterEnd, cancellationToken);
        }
    }

    /// <summary>The booking is gone (cancelled, or being moved): "Did you meet?" goes back to seven days after connecting.</summary>
    public async Task FollowUpDefaultAsync(Meeting meeting, MeetingPair pair, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { meeting.OrganizerId, meeting.GuestId })
        {
            await followUps.ResetAsync(meeting.PairKey, meeting.IntroRound, id, pair.ConnectedAt, clock.GetUtcNow(), cancellationToken);
        }
    }
}
