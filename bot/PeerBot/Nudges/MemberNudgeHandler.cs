using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>A member's scheduled nudge: the best new peers in their role, and intro requests waiting for them.</summary>
public sealed class MemberNudgeHandler(NudgeMemberStore members, MemberSchedule schedule, ProfileStore profiles, PeerDirectory directory, IntroStore intros, NudgePeers peers, NudgeIndex index) : INudgeJobHandler
{
    public const int TopPeers = 3;

    public string Kind => JobKinds.Member;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(job.Target, cancellationToken);
        if (member is null || member.NextDueAt != job.Due)
        {
            return null;
        }
        // The in-memory directory holds every profile; storage is asked only when it does not know the member.
        var profile = directory.Find(job.Target) ?? (await profiles.GetAsync(job.Target, cancellationToken))?.Peer;
        if (profile is null)
        {
            // The member left the network: nothing more is scheduled.
            await schedule.ChangeAsync(job.Target, m => m?.NextDueAt == job.Due ? m with { NextDueAt = null } : null, cancellationToken);
            return null;
        }
        if (member.IsPaused(job.Due))
        {
            await AdvanceAsync(job, member, [], delivered: false, cancellationToken);
            return null;
        }

        var waiting = new List<(Introduction, Peer?)>();
        var known = new HashSet<string>(member.Shown, StringComparer.Ordinal);
        await foreach (var intro in intros.ForMemberAsync(job.Target, cancellationToken))
        {
            known.Add(intro.OtherThan(job.Target));
            // Requests the member has not answered, "Not now" ones included: they come back in every nudge.
            if (intro.State == IntroState.Requested && intro.PeerId == job.Target)
            {
                waiting.Add((intro, (await profiles.GetAsync(intro.RequesterId, cancellationToken))?.Peer));
            }
        }
        var fresh = peers.NewFor(profile, known, member.LastNudgeAt, TopPeers);
        if (fresh.Count == 0 && waiting.Count == 0)
        {
            await AdvanceAsync(job, member, [], delivered: false, cancellationToken);
            return null;
        }
        var shown = fresh.Select(m => m.Peer.Id).ToList();
        return new DeliveryPlan(NudgeCards.Nudge(profile, member.Cadence, fresh, waiting), job.Target, null,
            (outcome, ct) => AdvanceAsync(job, member, shown, outcome == DeliveryOutcome.Delivered, ct));
    }

    /// <summary>Moves the member on to their next nudge (once: only while this job is the current one).</summary>
    /// <remarks>The timer of the job's own due time was removed when the job was queued, so there is none to cancel.</remarks>
    private async Task AdvanceAsync(NudgeJob job, NudgeMember known, IReadOnlyList<string> shown, bool delivered, CancellationToken cancellationToken)
    {
        if (delivered)
        {
            // Each offered peer's index learns whose list names them, before the list does (their erasure finds it there).
            var row = NudgeMemberStore.Write(known);
            await Task.WhenAll(shown.Select(peer => index.NoteAsync(peer, NudgeIndex.Shown, members.Table.Name, row.PartitionKey, row.RowKey, cancellationToken, about: job.Target)));
        }
        await schedule.ChangeAsync(job.Target, m =>
        {
            if (m is null || m.NextDueAt != job.Due)
            {
                return null;
            }
            var updated = delivered
                ? m with { LastNudgeAt = job.Due, Shown = [.. m.Shown.Concat(shown).TakeLast(NudgeMember.MaxShown)] }
                : m;
            return updated with { NextDueAt = updated.NextAfter(job.Due) };
        }, cancellationToken, known, oldTimerGone: true);
    }
}
