using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// Follows profile and intro changes (their change records after a stored cursor, each changed row then read by
/// its key): new members get a schedule, a new role brings the congratulations card, a connection brings
/// follow-ups, and an ignored request may trigger the ghost rule. Every step is idempotent, so a pass that fails
/// half-way is simply repeated from the same cursor.
/// </summary>
public sealed class NudgeFollowers(
    NudgeState state,
    NudgeMemberStore members,
    MemberSchedule schedule,
    NudgeTimers timers,
    ProfileStore profiles,
    IntroStore intros,
    FollowUps followUps,
    ChangeLog changes,
    TimeProvider clock)
{
    public const string ProfileCursor = "profiles";
    public const string IntroCursor = "intros";

    public async Task FollowProfilesAsync(CancellationToken cancellationToken)
    {
        var cursor = await state.CursorAsync(ProfileCursor, cancellationToken);
        var batch = await changes.FollowAsync(ProfileStore.Stream, cursor, cancellationToken);
        if (batch.Changes is null)
        {
            // The first pass on this network, or a cursor older than the records kept: every profile, once.
            await foreach (var peer in profiles.ListAsync(cancellationToken))
            {
                await OnProfileAsync(peer, cancellationToken);
            }
        }
        foreach (var id in batch.Keys)
        {
            // A deleted profile needs nothing here: forgetting a member removes their nudge rows.
            if (await profiles.GetAsync(id, cancellationToken) is { } stored)
            {
                await OnProfileAsync(stored.Peer, cancellationToken);
            }
        }
        if (batch.Next != cursor)
        {
            await state.SetCursorAsync(ProfileCursor, batch.Next, cancellationToken);
        }
    }

    public async Task FollowIntrosAsync(CancellationToken cancellationToken)
    {
        var cursor = await state.CursorAsync(IntroCursor, cancellationToken);
        var batch = await changes.FollowAsync(IntroStore.Stream, cursor, cancellationToken);
        if (batch.Changes is null)
        {
            await foreach (var intro in intros.AllAsync(cancellationToken))
            {
                await OnIntroAsync(intro, cancellationToken);
            }
        }
        foreach (var pairKey in batch.Keys)
        {
            if (await intros.GetAsync(pairKey, cancellationToken) is { } found)
            {
                await OnIntroAsync(found.Intro, cancellationToken);
            }
        }
        if (batch.Next != cursor)
        {
            await state.SetCursorAsync(IntroCursor, batch.Next, cancellationToken);
        }
    }

    private async Task OnIntroAsync(Introduction intro, CancellationToken cancellationToken)
    {
        if (intro.State == IntroState.Connected)
        {
            await PlanFollowUpsAsync(intro, cancellationToken);
        }
        else if (intro.State == IntroState.Expired)
        {
            await CheckGhostAsync(intro.PeerId, cancellationToken);
        }
    }

    public async Task OnProfileAsync(Peer peer, CancellationToken cancellationToken)
    {
        if (peer.IsDemo || peer.Channel is not ("msteams" or "slack"))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var role = NudgeRoles.KeyOf(peer);
        var current = await members.GetAsync(peer.Id, cancellationToken);
        if (current is not null && current.RoleKey.Length > 0 && role.Length > 0 && current.RoleKey != role)
        {
            await timers.ScheduleAsync(new NudgeJob(JobKinds.Role, peer.Id, NudgeCalendar.NextAllowed(now, current.Zone, current.At), role), cancellationToken);
        }
        await schedule.ChangeAsync(peer.Id, m =>
        {
            if (m is null)
            {
                var joined = new NudgeMember { MemberId = peer.Id, TimeZone = peer.TimeZone, RoleKey = role, JoinedAt = now };
                return joined with { NextDueAt = joined.NextAfter(now) };
            }
            if (m.TimeZone != peer.TimeZone)
            {
                var moved = m with { TimeZone = peer.TimeZone, RoleKey = role };
                return moved with { NextDueAt = moved.NextDueAt is null && moved.Cadence == Cadence.Off ? null : moved.NextAfter(now) };
            }
            return m.RoleKey != role ? m with { RoleKey = role } : null;
        }, cancellationToken, known: current);
    }

    private async Task PlanFollowUpsAsync(Introduction intro, CancellationToken cancellationToken)
    {
        var connectedAt = intro.At(IntroState.Connected) ?? clock.GetUtcNow();
        foreach (var memberId in new[] { intro.RequesterId, intro.PeerId })
        {
            if (await followUps.GetAsync(intro.PairKey, memberId, cancellationToken) is { } known && known.Round >= intro.Round)
            {
                continue;
            }
            var member = await members.GetAsync(memberId, cancellationToken);
            var zone = member?.Zone ?? TimeZoneInfo.Utc;
            var due = NudgeCalendar.NextAllowed(connectedAt + FollowUpHandler.After, zone, member?.At ?? NudgeTime.Default);
            // The timer first: should the follow-up row then fail, the job finds no row and does nothing.
            await timers.ScheduleAsync(FollowUpHandler.JobFor(memberId, intro.PairKey, intro.Round, 1, due), cancellationToken);
            await followUps.PlanAsync(intro.PairKey, memberId, intro.Round, connectedAt, cancellationToken, due);
        }
    }

    /// <summary>The ghost rule: the member's last <see cref="GhostHandler.IgnoredInARow"/> intro requests all expired unanswered.</summary>
    public async Task CheckGhostAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(memberId, cancellationToken);
        if (member is null || member.GhostPausedAt is not null)
        {
            return;
        }
        var received = new List<Introduction>();
        await foreach (var intro in intros.ForMemberAsync(memberId, cancellationToken))
        {
            if (intro.PeerId == memberId && !intro.IsOpen && intro.RequestedAt > (member.GhostResetAt ?? DateTimeOffset.MinValue))
            {
                received.Add(intro);
            }
        }
        var ignored = received.OrderByDescending(i => i.RequestedAt)
            .TakeWhile(i => i.State == IntroState.Expired && i.SnoozedAt is null)
            .Count();
        if (ignored < GhostHandler.IgnoredInARow)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var paused = member with { GhostPausedAt = now };
        await timers.ScheduleAsync(GhostHandler.JobFor(paused, NudgeCalendar.NextAllowed(now, member.Zone, member.At)), cancellationToken);
        await schedule.ChangeAsync(memberId, m => m is null || m.GhostPausedAt is not null ? null : m with { GhostPausedAt = now, NextDueAt = null }, cancellationToken);
    }
}
