using System.Globalization;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>"Nudges are back on": the end of a "peerbot pause", said when it happens.</summary>
public sealed class ResumeHandler(NudgeMemberStore members, MemberSchedule schedule) : INudgeJobHandler
{
    public string Kind => JobKinds.Resume;

    public static NudgeJob JobFor(NudgeMember member) =>
        new(JobKinds.Resume, member.MemberId, NudgeCalendar.NextAllowed(member.PausedUntil!.Value, member.Zone, member.At), Ticks(member.PausedUntil.Value));

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(job.Target, cancellationToken);
        if (member?.PausedUntil is not { } until || Ticks(until) != job.Detail)
        {
            return null;
        }
        var message = member.GhostPausedAt is null && member.NextDueAt is { } next
            ? $"Your pause is over and nudges are back on. The next one comes {When(next, member.Zone)}."
            : "Your pause is over.";
        return new DeliveryPlan(NudgeCards.Notice("Welcome back", message), job.Target, null, (_, ct) =>
            schedule.ChangeAsync(job.Target, m => m?.PausedUntil is { } u && Ticks(u) == job.Detail ? m with { PausedUntil = null } : null, ct));
    }

    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("dddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The ghost rule's card: nudges paused after ignored intro requests, with a button to resume.</summary>
public sealed class GhostHandler(NudgeMemberStore members) : INudgeJobHandler
{
    public const int IgnoredInARow = 3;

    public string Kind => JobKinds.Ghost;

    public static NudgeJob JobFor(NudgeMember member, DateTimeOffset due) =>
        new(JobKinds.Ghost, member.MemberId, due, member.GhostPausedAt!.Value.UtcTicks.ToString(CultureInfo.InvariantCulture));

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(job.Target, cancellationToken);
        if (member?.GhostPausedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) != job.Detail)
        {
            return null;
        }
        return new DeliveryPlan(NudgeCards.GhostPaused(IgnoredInARow), job.Target, null, (_, _) => Task.CompletedTask);
    }
}

/// <summary>"Congratulations on the new role": how many hold it at other organizations, and the best of them.</summary>
public sealed class RoleChangeHandler(NudgeMemberStore members, ProfileStore profiles, NudgePeers peers) : INudgeJobHandler
{
    public string Kind => JobKinds.Role;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(job.Target, cancellationToken);
        var profile = (await profiles.GetAsync(job.Target, cancellationToken))?.Peer;
        if (member is null || profile is null || member.RoleKey != job.Detail || NudgeRoles.KeyOf(profile) != job.Detail)
        {
            return null;
        }
        var holders = peers.HoldingRole(profile);
        var card = NudgeCards.RoleChange(profile, job.Detail, holders.Count, [.. holders.Take(MemberNudgeHandler.TopPeers)]);
        return new DeliveryPlan(card, job.Target, null, (_, _) => Task.CompletedTask);
    }
}
