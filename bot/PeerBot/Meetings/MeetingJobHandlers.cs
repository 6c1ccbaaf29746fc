using System.Globalization;
using PeerBot.Conversations;
using PeerBot.Nudges;

namespace PeerBot.Meetings;

/// <summary>Reads a meeting job's detail ("pair:number:…").</summary>
internal static class JobDetail
{
    public static (string PairKey, int[] Numbers)? Read(NudgeJob job, int count)
    {
        var parts = job.Detail.Split(':');
        if (parts.Length != count + 1)
        {
            return null;
        }
        var numbers = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }
        return (parts[0], numbers);
    }
}

/// <summary>"In one hour": to each member of a booked meeting, unless they turned reminders off.</summary>
public sealed class MeetingReminderHandler(MeetingStore store, MeetingPairs pairs, MeetingMessages messages, TimeProvider clock) : INudgeJobHandler
{
    public string Kind => MeetingJobs.Reminder;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        if (JobDetail.Read(job, 2) is not ({ } pairKey, [var number, var sequence]))
        {
            return null;
        }
        var meeting = (await store.GetAsync(pairKey, cancellationToken))?.Meeting;
        if (meeting is null || meeting.State != MeetingState.Booked || meeting.Number != number || meeting.Sequence != sequence || !meeting.Includes(job.Target))
        {
            return null;
        }
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        if (pair is null || pair.Settings(job.Target).RemindersOff)
        {
            return null;
        }
        var card = messages.Booked(meeting, pair, job.Target, $"In one hour: your conversation with {pair.Other(job.Target).Name}", clock.GetUtcNow());
        return new DeliveryPlan(card, job.Target, null, (_, _) => Task.CompletedTask);
    }
}

/// <summary>
/// A member who has not answered a round: the slot card again at two and four days, a gentle nudge at seven, and at
/// ten days the member who is waiting is told, and may find someone else.
/// </summary>
public sealed class MeetingChaseHandler(MeetingStore store, MeetingPairs pairs, MeetingMessages messages, MeetingSchedule schedule, MeetingStandings standings) : INudgeJobHandler
{
    public string Kind => MeetingJobs.Chase;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        if (JobDetail.Read(job, 3) is not ({ } pairKey, [var number, var round, var step]))
        {
            return null;
        }
        var meeting = (await store.GetAsync(pairKey, cancellationToken))?.Meeting;
        if (meeting is null || meeting.State != MeetingState.Proposing || meeting.Number != number || meeting.Round != round
            || !meeting.Includes(job.Target) || meeting.HasAnswered(job.Target))
        {
            return null;
        }
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        if (pair is null)
        {
            return null;
        }
        var other = pair.Other(job.Target);
        var zone = messages.Availabilities(pair, job.Target).Mine.Zone;
        Task Next(DeliveryOutcome _, CancellationToken ct) => schedule.ChaseAsync(meeting, job.Target, zone, step + 1, ct);
        switch (step)
        {
            case 1 or 2:
                return new DeliveryPlan(messages.FindTime(meeting, pair, job.Target, $"A reminder: find a time with {other.Name}",
                    $"{other.Name} is waiting for your answer. Tick the times that suit you, or choose **None of these**."), job.Target, null, Next);
            case 3:
                return new DeliveryPlan(messages.FindTime(meeting, pair, job.Target, $"{other.Name} would still like to talk",
                    $"No pressure: if none of these times work, say so, or propose your own. If now is not a good moment, {MeetingTimes.FirstName(other.Name)} will understand."), job.Target, null, Next);
            case 4 when meeting.HasAnswered(other.Id):
                var ghost = pair.Member(job.Target);
                var query = other.Id == pair.Organizer.Id ? ghost.Title : "";
                var card = MeetingCards.Notice($"No answer from {ghost.Name}",
                    $"{ghost.Name} hasn't answered about a time for ten days, despite two reminders and a nudge. Their times stay open, so they can still pick one."
                    + (query.Length > 0 ? " Meanwhile you can choose someone else." : ""), findPeer: query);
                return new DeliveryPlan(card, other.Id, null, (outcome, ct) => standings.IgnoredAsync(job.Target, ct));
            default:
                return null;
        }
    }
}

/// <summary>Ninety days after both said they would meet again: a new "Find a time".</summary>
public sealed class MeetAgainHandler(MeetingStore store, MeetingPairs pairs) : INudgeJobHandler
{
    public string Kind => MeetingJobs.Again;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        if (JobDetail.Read(job, 1) is not ({ } pairKey, [var number]))
        {
            return null;
        }
        var meeting = (await store.GetAsync(pairKey, cancellationToken))?.Meeting;
        var pair = await pairs.GetAsync(pairKey, cancellationToken);
        // A newer meeting for the pair (booked or being found) makes this offer stale.
        if (meeting is null || meeting.Number != number || pair is null || !meeting.Includes(job.Target))
        {
            return null;
        }
        var other = pair.Other(job.Target);
        var card = MeetingCards.Notice($"Time to talk to {other.Name} again?",
            $"Three months ago you both said you'd like to meet again. Shall I find a time with {other.Name}?", pairKey, pair.Intro.Round);
        return new DeliveryPlan(card, job.Target, null, (_, _) => Task.CompletedTask);
    }
}
