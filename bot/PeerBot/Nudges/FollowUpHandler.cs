using System.Globalization;
using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>"Did you meet?" seven days after a connection, and once more a week after "Not yet".</summary>
public sealed class FollowUpHandler(FollowUps followUps, IntroStore intros, ProfileStore profiles) : INudgeJobHandler
{
    public static readonly TimeSpan After = TimeSpan.FromDays(7);

    public string Kind => JobKinds.FollowUp;

    public static NudgeJob JobFor(string memberId, string pairKey, int round, int asked, DateTimeOffset due) =>
        new(JobKinds.FollowUp, memberId, due, string.Create(CultureInfo.InvariantCulture, $"{pairKey}:{round}:{asked}"));

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var parts = job.Detail.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var round) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var asked))
        {
            return null;
        }
        var followUp = await followUps.GetAsync(parts[0], job.Target, cancellationToken);
        var stillOpen = asked == 1 ? followUp?.AnsweredAsk == 0 : followUp?.Answer == FollowUpAnswers.NotYet && followUp.AnsweredAsk == 1;
        if (followUp is null || followUp.Round != round || !stillOpen)
        {
            return null;
        }
        // A booked meeting moves the first question; the timer for the old time finds it moved and does nothing.
        if (asked == 1 && followUp.DueAt is { } dueAt && (dueAt - job.Due).Duration() >= TimeSpan.FromSeconds(1))
        {
            return null;
        }
        var intro = (await intros.GetAsync(parts[0], cancellationToken))?.Intro;
        if (intro is null || intro.Round != round || intro.State != IntroState.Connected)
        {
            return null;
        }
        var other = (await profiles.GetAsync(intro.OtherThan(job.Target), cancellationToken))?.Peer;
        return new DeliveryPlan(NudgeCards.FollowUp(intro, other, followUp.ConnectedAt, asked), job.Target, null,
            (outcome, ct) => outcome == DeliveryOutcome.Delivered ? followUps.AskedAsync(followUp, asked, ct) : Task.CompletedTask);
    }
}
