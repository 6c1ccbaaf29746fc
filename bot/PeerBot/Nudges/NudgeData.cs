using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Privacy;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// What nudges keep about a member: their settings and schedule, follow-up answers, pending timers and sent
/// records, channel nudges they set, and their id in other members' "already offered" lists.
/// </summary>
public sealed class NudgeData(TableServiceClient service, TableNames names, NudgeMemberStore members) : IMemberData
{
    public string Section => "nudges";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(memberId, cancellationToken);
        var answers = await RowsAsync(names.NudgeFollowUps, $"RowKey eq '{Quoted(TableKeys.Escape(memberId))}'", cancellationToken);
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
        var escaped = TableKeys.Escape(memberId);
        await DeleteAsync(names.NudgeMembers, $"RowKey eq '{Quoted(escaped)}'", _ => true, cancellationToken);
        await DeleteAsync(names.NudgeFollowUps, $"RowKey eq '{Quoted(escaped)}'", _ => true, cancellationToken);
        // Job identities and dedupe keys read "kind|member|detail…".
        await DeleteAsync(names.NudgeTimers, null, r => r.RowKey.Contains($"|{escaped}|", StringComparison.Ordinal), cancellationToken);
        await DeleteAsync(names.NudgeDeliveries, null, r => (r.GetString("Key") ?? "").Contains($"|{memberId}|", StringComparison.Ordinal), cancellationToken);

        var channels = service.GetTableClient(names.NudgeChannels);
        foreach (var row in await RowsAsync(names.NudgeChannels, $"SetBy eq '{Quoted(memberId)}'", cancellationToken))
        {
            await channels.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["SetBy"] = "" }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        foreach (var row in await RowsAsync(names.NudgeMembers, null, cancellationToken))
        {
            if ((row.GetString("Shown") ?? "").Contains(memberId, StringComparison.Ordinal))
            {
                await members.UpdateAsync(row.GetString("MemberId") ?? row.RowKey, m => m is null || !m.Shown.Contains(memberId)
                    ? null
                    : m with { Shown = [.. m.Shown.Where(id => id != memberId)] }, cancellationToken);
            }
        }
    }

    private async Task DeleteAsync(string table, string? filter, Func<TableEntity, bool> mine, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(table);
        foreach (var row in (await RowsAsync(table, filter, cancellationToken)).Where(mine))
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static string Quoted(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
