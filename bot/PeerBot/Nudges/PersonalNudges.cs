using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>What a member can change about their own nudges: cadence, day and time, pause and resume.</summary>
public sealed class PersonalNudges(NudgeMemberStore members, MemberSchedule schedule, NudgeTimers timers, ProfileStore profiles, TimeProvider clock)
{
    public static readonly TimeSpan LongestPause = TimeSpan.FromDays(182);

    public async Task<string> StatusAsync(Member who, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(who.PeerId, cancellationToken);
        return member is null ? "You get nudges weekly, on Tuesdays at 10:00 your time, once your profile is set up." : Describe(member);
    }

    public async Task<string> SetCadenceAsync(ChatTurn turn, Cadence cadence, NudgeTime at, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = await FreshAsync(turn, now, cancellationToken);
        var (_, after) = await schedule.ChangeAsync(turn.From.PeerId, m =>
        {
            var changed = (m ?? fresh) with { Cadence = cadence, At = at };
            return changed with { NextDueAt = changed.NextAfter(now) };
        }, cancellationToken);
        return Describe(after!);
    }

    public async Task<string> PauseAsync(ChatTurn turn, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = await FreshAsync(turn, now, cancellationToken);
        var until = now + length;
        var current = await members.GetAsync(turn.From.PeerId, cancellationToken) ?? fresh;
        // The resume notice is scheduled first; if the pause is then not stored, the notice finds no pause and stays silent.
        await timers.ScheduleAsync(ResumeHandler.JobFor(current with { PausedUntil = until }), cancellationToken);
        var (_, after) = await schedule.ChangeAsync(turn.From.PeerId, m =>
        {
            var paused = (m ?? fresh) with { PausedUntil = until };
            return paused with { NextDueAt = paused.NextAfter(now) };
        }, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(until, after!.Zone);
        return $"Nudges paused until {local:dddd d MMM}. They resume by themselves then, and I'll tell you when they do. Changed your mind? Type **peerbot resume**.";
    }

    public async Task<string> ResumeAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = await FreshAsync(turn, now, cancellationToken);
        var (before, after) = await schedule.ChangeAsync(turn.From.PeerId, m =>
        {
            var current = m ?? fresh;
            var resumed = current with
            {
                PausedUntil = null,
                GhostPausedAt = null,
                GhostResetAt = current.GhostPausedAt is not null ? now : current.GhostResetAt,
                Cadence = current.Cadence == Cadence.Off ? Cadence.Weekly : current.Cadence,
            };
            return resumed with { NextDueAt = resumed.NextAfter(now) };
        }, cancellationToken);
        var wasPaused = before is not null && before.IsPaused(now);
        return (wasPaused ? "Welcome back! " : "") + Describe(after!);
    }

    public static string Describe(NudgeMember member)
    {
        if (member.GhostPausedAt is not null)
        {
            return "Your nudges are paused because recent intro requests went unanswered. Type **peerbot resume** to start them again.";
        }
        if (member.Cadence == Cadence.Off)
        {
            return "Nudges are off. Turn them back on with **peerbot cadence weekly**.";
        }
        var when = $"{Cadences.Label(member.Cadence)}, on {member.At.Day}s at {member.At.Time:HH\\:mm} ({member.TimeZone})";
        if (member.Cadence == Cadence.Monthly)
        {
            when = $"monthly, on the first {member.At.Day} at {member.At.Time:HH\\:mm} ({member.TimeZone})";
        }
        var paused = member.PausedUntil is { } until ? $" Paused until {TimeZoneInfo.ConvertTime(until, member.Zone):dddd d MMM}." : "";
        var next = member.NextDueAt is { } due ? $" Next: {ResumeHandler.When(due, member.Zone)}." : "";
        return $"You get nudges {when}.{paused}{next}";
    }

    private async Task<NudgeMember> FreshAsync(ChatTurn turn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(turn.From.PeerId, cancellationToken))?.Peer;
        var zone = profile?.TimeZone ?? turn.LocalTimeZone ?? "UTC";
        return new NudgeMember
        {
            MemberId = turn.From.PeerId,
            TimeZone = NudgeCalendar.Zone(zone).Id,
            RoleKey = profile is null ? "" : NudgeRoles.KeyOf(profile),
            JoinedAt = now,
        };
    }
}
