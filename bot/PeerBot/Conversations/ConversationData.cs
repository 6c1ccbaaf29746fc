using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Privacy;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>What the conversation layer keeps per member: open dialogs, undelivered messages, handled turns.</summary>
public sealed class ConversationData(TableServiceClient service, TableNames names, TurnLedger turns, Outbox outbox) : IMemberData
{
    public string Section => "conversations";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var dialogs = await RowsAsync(names.Dialogs, Filter("RowKey", memberId), cancellationToken);
        var waiting = await RowsAsync(names.Outbox, Filter("PartitionKey", memberId), cancellationToken);
        return new JsonObject
        {
            ["openDialogs"] = new JsonArray([.. dialogs.Select(d => (JsonNode?)d.GetString("DialogId"))]),
            ["messagesWaitingForYou"] = new JsonArray([.. waiting.Select(m => JsonNode.Parse(m.GetString("Body") ?? "null"))]),
        };
    }

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        foreach (var (table, filter) in new[] { (names.Dialogs, Filter("RowKey", memberId)), (names.Outbox, Filter("PartitionKey", memberId)) })
        {
            var client = service.GetTableClient(table);
            foreach (var row in await RowsAsync(table, filter, cancellationToken))
            {
                await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
        await turns.ForgetMemberAsync(memberId, cancellationToken);
        await outbox.WithdrawAboutAsync(memberId, cancellationToken);
    }

    private static string Filter(string key, string memberId) =>
        $"{key} eq '{TableKeys.Escape(memberId).Replace("'", "''", StringComparison.Ordinal)}'";

    private async Task<List<TableEntity>> RowsAsync(string table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
