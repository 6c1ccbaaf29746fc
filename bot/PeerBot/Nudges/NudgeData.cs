using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Privacy;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// What nudges keep about a member: their settings and schedule, follow-up answers, pending timers and sent
/// records, channel nudges they set, and their id in other members' "already offered" lists. Everything is found
/// by key or in the member's own partitions (their nudge row, follow-ups, sends, and the <see cref="NudgeIndex"/>
/// for rows keyed otherwise): erasure scans no table.
/// </summary>
public sealed class NudgeData(TableServiceClient service, TableNames names, NudgeMemberStore members, Deliveries deliveries, NudgeIndex index) : IMemberData
{
    public string Section => "nudges";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(memberId, cancellationToken);
        var answers = await FollowUpsAsync(memberId, cancellationToken);
        if (member is null && answers.Count == 0)
        {
            return null;
        }
        return new JsonObject
        {
            ["settings"] = member is null ? null : PersonalNudges.Describe(member),
            ["followUps"] = new JsonArray([.. answers.Select(a => (JsonNode?)new JsonObject
            {
                ["connectedAt"] = a.GetDateTimeOffset("ConnectedAt")?.ToString("O"),
                ["answer"] = a.GetString("Answer"),
                ["answeredAt"] = a.GetDateTimeOffset("AnsweredAt")?.ToString("O"),
            })]),
        };
    }

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        foreach (var row in await index.ForMemberAsync(memberId, cancellationToken))
        {
            var table = service.GetTableClient(row.Table);
            switch (row.Kind)
            {
                case NudgeIndex.Timer:
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    break;
                case NudgeIndex.Shown when row.About is { } other:
                    await members.UpdateAsync(other, m => m is null || !m.Shown.Contains(memberId)
                        ? null
                        : m with { Shown = [.. m.Shown.Where(id => id != memberId)] }, cancellationToken);
                    break;
                case NudgeIndex.Channel:
                    await ClearSetByAsync(table, row, memberId, cancellationToken);
                    break;
                default:
                    break;
            }
            await index.RemoveAsync(row.Index, cancellationToken);
        }
        var followUps = service.GetTableClient(names.NudgeFollowUps);
        foreach (var row in await FollowUpsAsync(memberId, cancellationToken))
        {
            await followUps.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        await deliveries.ForgetAsync(memberId, cancellationToken);
        // The peers offered to the member have notes pointing at the member's row: found from its list, by key.
        if (await members.GetAsync(memberId, cancellationToken) is { } own)
        {
            var row = NudgeMemberStore.Write(own);
            foreach (var peer in own.Shown.Distinct(StringComparer.Ordinal))
            {
                await index.ForgetNoteAsync(peer, NudgeIndex.Shown, members.Table.Name, row.PartitionKey, row.RowKey, cancellationToken);
            }
        }
        await members.Table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken);
    }

    /// <summary>A channel schedule the member set stays, without their name on it.</summary>
    private static async Task ClearSetByAsync(TableClient table, IndexedRow row, string memberId, CancellationToken cancellationToken)
    {
        var current = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, select: ["SetBy"], cancellationToken: cancellationToken);
        if (!current.HasValue || current.Value!.GetString("SetBy") != memberId)
        {
            return;
        }
        try
        {
            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["SetBy"] = "" }, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Removed or set again by someone else meanwhile: their name is on it now, or nobody's.
        }
    }

    private async Task<List<TableEntity>> FollowUpsAsync(string memberId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in service.GetTableClient(names.NudgeFollowUps).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
