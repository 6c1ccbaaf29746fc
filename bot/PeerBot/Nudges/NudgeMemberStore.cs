using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>Members' nudge rows in Table Storage, changed only by ETag-guarded read-modify-write.</summary>
public sealed class NudgeMemberStore(TableServiceClient service, TableNames names)
{
    private readonly TableClient _table = service.GetTableClient(names.NudgeMembers);

    public TableClient Table => _table;

    public async Task<NudgeMember?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current row (null when there is none) and writes it, retrying
    /// when another writer got there first. The change returns null to leave the row as it is.
    /// </summary>
    public async Task<(NudgeMember? Before, NudgeMember? After)> UpdateAsync(string memberId, Func<NudgeMember?, NudgeMember?> change, CancellationToken cancellationToken, NudgeMember? known = null, Func<NudgeMember?, NudgeMember, Task>? beforeWrite = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && known is not null ? known : await GetAsync(memberId, cancellationToken);
            var changed = change(current);
            if (changed is null)
            {
                return (current, current);
            }
            if (beforeWrite is not null)
            {
                await beforeWrite(current, changed);
            }
            try
            {
                var entity = Write(changed);
                var response = current is null
                    ? await _table.AddEntityAsync(entity, cancellationToken)
                    : await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return (current, changed with { ETag = response.Headers.ETag ?? default });
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < 20)
            {
                // Someone else wrote (or erased) this member first: read again and decide again.
            }
        }
    }

    /// <summary>Members who joined after <paramref name="since"/>, for channel posts (counts only).</summary>
    public async IAsyncEnumerable<NudgeMember> JoinedSinceAsync(DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"JoinedAt gt {since}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["MemberId", "RoleKey", "JoinedAt"], cancellationToken: cancellationToken))
        {
            yield return Read(row);
        }
    }

    public static TableEntity Write(NudgeMember m) => new(TableKeys.Bucket(m.MemberId), TableKeys.Escape(m.MemberId))
    {
        ["MemberId"] = m.MemberId,
        ["Cadence"] = m.Cadence.ToString(),
        ["Day"] = (int)m.At.Day,
        ["Time"] = m.At.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["TimeZone"] = m.TimeZone,
        ["NextDueAt"] = m.NextDueAt,
        ["LastNudgeAt"] = m.LastNudgeAt,
        ["PausedUntil"] = m.PausedUntil,
        ["GhostPausedAt"] = m.GhostPausedAt,
        ["GhostResetAt"] = m.GhostResetAt,
        ["RoleKey"] = m.RoleKey,
        ["JoinedAt"] = m.JoinedAt,
        ["Shown"] = JsonSerializer.Serialize(m.Shown),
    };

    private static NudgeMember Read(TableEntity e) => new()
    {
        MemberId = e.GetString("MemberId") ?? e.RowKey,
        Cadence = Enum.TryParse<Cadence>(e.GetString("Cadence"), out var c) ? c : Cadence.Weekly,
        At = new NudgeTime((DayOfWeek)(e.GetInt32("Day") ?? (int)DayOfWeek.Tuesday),
            TimeOnly.TryParse(e.GetString("Time"), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : NudgeTime.Default.Time),
        TimeZone = e.GetString("TimeZone") ?? "UTC",
        NextDueAt = e.GetDateTimeOffset("NextDueAt"),
        LastNudgeAt = e.GetDateTimeOffset("LastNudgeAt"),
        PausedUntil = e.GetDateTimeOffset("PausedUntil"),
        GhostPausedAt = e.GetDateTimeOffset("GhostPausedAt"),
        GhostResetAt = e.GetDateTimeOffset("GhostResetAt"),
        RoleKey = e.GetString("RoleKey") ?? "",
        JoinedAt = e.GetDateTimeOffset("JoinedAt") ?? DateTimeOffset.MinValue,
        Shown = e.GetString("Shown") is { } shown ? JsonSerializer.Deserialize<string[]>(shown) ?? [] : [],
        ETag = e.ETag,
    };
}
