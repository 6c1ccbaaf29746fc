using PeerBot.Intros;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>
/// Follows profile and intro changes (by the tables' timestamps, from a stored cursor): new members get a
/// schedule, a new role brings the congratulations card, a connection brings follow-ups, and an ignored
/// request may trigger the ghost rule. Every step is idempotent, so re-reading a change is harmless.
/// </summary>
public sealed class NudgeFollowers(
    NudgeState state,
    NudgeMemberStore members,
    MemberSchedule schedule,
    NudgeTimers timers,
    ProfileStore profiles,
    IntroStore intros,
    FollowUps followUps,
    TimeProvider clock)
{
    public const string ProfileCursor = "profiles";
    public const string IntroCursor = "intros";

    // Rows written at nearly the same moment may become visible slightly out of timestamp order, so each read
    // goes back a minute before the cursor; what was already handled in that minute is skipped.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);
    private readonly RecentlySeen _profilesSeen = new();
    private readonly RecentlySeen _introsSeen = new();

    public async Task FollowProfilesAsync(CancellationToken cancellationToken)
    {
        var cursor = await state.CursorAsync(ProfileCursor, cancellationToken);
        var latest = cursor;
        await foreach (var (peer, timestamp) in profiles.ListAsync(cursor - Overlap, cancellationToken))
        {
            if (!_profilesSeen.FirstTime(peer.Id, timestamp, cursor - Overlap))
            {
                continue;
            }
            await OnProfileAsync(peer, cancellationToken);
            latest = latest is null || timestamp > latest ? timestamp : latest;
        }
        if (latest is { } l && l != cursor)
        {
            await state.SetCursorAsync(ProfileCursor, l, cancellationToken);
        }
    }

    public async Task FollowIntrosAsync(CancellationToken cancellationToken)
    {
        var cursor = await state.CursorAsync(IntroCursor, cancellationToken);
        var latest = cursor;
        await foreach (var (intro, timestamp) in intros.ChangedSinceAsync(cursor - Overlap ?? DateTimeOffset.UnixEpoch, cancellationToken))
        {
            if (!_introsSeen.FirstTime(intro.PairKey, timestamp, cursor - Overlap))
            {
                continue;
            }
            if (intro.State == IntroState.Connected)
            {
                await PlanFollowUpsAsync(intro, cancellationToken);
            }
            else if (intro.State == IntroState.Expired)
            {
                await CheckGhostAsync(intro.PeerId, cancellationToken);
            }
            latest = latest is null || timestamp > latest ? timestamp : latest;
        }
        if (latest is { } l && l != cursor)
        {
            await state.SetCursorAsync(IntroCursor, l, cancellationToken);
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

/// <summary>Which changes (key and timestamp) were handled lately, so that re-reading the overlap costs nothing.</summary>
internal sealed class RecentlySeen
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public bool FirstTime(string key, DateTimeOffset timestamp, DateTimeOffset? forgetBefore)
    {
        if (forgetBefore is { } before && _seen.Count > 0)
        {
            foreach (var old in _seen.Where(s => s.Value < before).Select(s => s.Key).ToList())
            {
                _seen.Remove(old);
            }
        }
        if (_seen.TryGetValue(key, out var handled) && handled >= timestamp)
        {
            return false;
        }
        _seen[key] = timestamp;
        return true;
    }
}
