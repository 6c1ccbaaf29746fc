using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>A channel's nudge schedule and where it stands.</summary>
public sealed record ChannelNudge(NudgeChannel Channel, ChannelSchedule Schedule, string SetBy, DateTimeOffset SetAt, DateTimeOffset? NextDueAt, DateTimeOffset? LastPostedAt, ETag ETag);

/// <summary>Channel nudges in Table Storage (one row per channel), with their timers kept in step.</summary>
public sealed class ChannelNudges(TableServiceClient service, TableNames names, NudgeTimers timers, NudgeIndex index)
{
    private readonly TableClient _table = service.GetTableClient(names.NudgeChannels);

    public static NudgeJob JobFor(NudgeChannel channel, DateTimeOffset due) => new(JobKinds.Channel, channel.Key, due);

    public async Task<ChannelNudge?> GetAsync(NudgeChannel channel, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(channel), TableKeys.Escape(channel.ConversationId), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Sets (or replaces) a channel's schedule; returns the first post's time.</summary>
    public async Task<DateTimeOffset?> SetAsync(NudgeChannel channel, ChannelSchedule schedule, string setBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = await GetAsync(channel, cancellationToken);
        var next = schedule.Next(now);
        if (next is { } due)
        {
            await timers.ScheduleAsync(JobFor(channel, due), cancellationToken);
        }
        var row = Write(new ChannelNudge(channel, schedule, setBy, now, next, previous?.LastPostedAt, default));
        // The row names who set it: their index finds it should they ask to be forgotten.
        await index.NoteAsync(setBy, NudgeIndex.Channel, _table.Name, row.PartitionKey, row.RowKey, cancellationToken);
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return next;
    }

    public async Task<bool> RemoveAsync(NudgeChannel channel, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(channel, cancellationToken);
        if (existing is null)
        {
            return false;
        }
        await _table.DeleteEntityAsync(Partition(channel), TableKeys.Escape(channel.ConversationId), ETag.All, cancellationToken);
        if (existing.NextDueAt is { } due)
        {
            await timers.CancelAsync(JobFor(channel, due), cancellationToken);
        }
        return true;
    }

    /// <summary>After a post: the next one is scheduled (timer first), if the schedule is still the one that posted.</summary>
    public async Task AdvanceAsync(NudgeChannel channel, DateTimeOffset posted, CancellationToken cancellationToken)
    {
        var current = await GetAsync(channel, cancellationToken);
        if (current is null || current.NextDueAt != posted)
        {
            return;
        }
        var next = current.Schedule.Next(posted);
        if (next is { } due)
        {
            await timers.ScheduleAsync(JobFor(channel, due), cancellationToken);
        }
        try
        {
            await _table.UpdateEntityAsync(Write(current with { NextDueAt = next, LastPostedAt = posted }), current.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // The schedule was changed meanwhile; the change scheduled its own next post.
        }
    }

    /// <summary>One partition per platform and tenant: the same channel id in two workspaces is two rows.</summary>
    private static string Partition(NudgeChannel channel) => $"{channel.Kind}:{TableKeys.Escape(channel.TenantId ?? "")}";

    private static TableEntity Write(ChannelNudge n) => new(Partition(n.Channel), TableKeys.Escape(n.Channel.ConversationId))
    {
        ["Kind"] = n.Channel.Kind,
        ["ConversationId"] = n.Channel.ConversationId,
        ["TenantId"] = n.Channel.TenantId,
        ["Cron"] = n.Schedule.Cron,
        ["TimeZone"] = n.Schedule.TimeZone,
        ["SetBy"] = n.SetBy,
        ["SetAt"] = n.SetAt,
        ["NextDueAt"] = n.NextDueAt,
        ["LastPostedAt"] = n.LastPostedAt,
    };

    private static ChannelNudge Read(TableEntity e) => new(
        new NudgeChannel(e.GetString("Kind") ?? "", e.GetString("ConversationId") ?? "", e.GetString("TenantId")),
        new ChannelSchedule(e.GetString("Cron") ?? "", e.GetString("TimeZone") ?? "UTC"),
        e.GetString("SetBy") ?? "",
        e.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("NextDueAt"),
        e.GetDateTimeOffset("LastPostedAt"),
        e.ETag);
}

/// <summary>A channel's scheduled post: a prompt to reach out, with counts of new members by role (never names).</summary>
public sealed class ChannelNudgeHandler(ChannelNudges channels, NudgeMemberStore members) : INudgeJobHandler
{
    public string Kind => JobKinds.Channel;

    public async Task<DeliveryPlan?> PlanAsync(NudgeJob job, CancellationToken cancellationToken)
    {
        // A job names its channel with the tenant, so it can only ever read that tenant's schedule.
        if (NudgeChannel.FromKey(job.Target) is not { } channel)
        {
            return null;
        }
        var current = await channels.GetAsync(channel, cancellationToken);
        if (current is null || current.NextDueAt != job.Due)
        {
            return null;
        }
        var since = current.LastPostedAt ?? job.Due.AddDays(-7);
        var roles = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var joined in members.JoinedSinceAsync(since, cancellationToken))
        {
            var role = joined.RoleKey.Length > 0 ? joined.RoleKey : "Other roles";
            roles[role] = roles.GetValueOrDefault(role) + 1;
        }
        var counts = roles.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)).ToList();
        var card = NudgeCards.Channel(counts, since, current.Schedule.Describe());
        return new DeliveryPlan(card, null, current.Channel, (_, ct) => channels.AdvanceAsync(current.Channel, job.Due, ct));
    }
}
