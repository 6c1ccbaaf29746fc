using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>Messages for members the bot could not reach yet, delivered in order on their next turn.</summary>
public sealed class Outbox(TableServiceClient service, TableNames names, TimeProvider clock)
{
    private readonly TableClient _table = service.GetTableClient(names.Outbox);

    public async Task EnqueueAsync(string memberId, BotReply reply, IReadOnlyList<string> about, CancellationToken cancellationToken)
    {
        var (kind, body) = reply switch
        {
            CardReply card => ("card", new JsonObject { ["template"] = card.Template, ["data"] = card.Data.DeepClone(), ["summary"] = card.Summary }),
            TextReply text => ("text", new JsonObject { ["text"] = text.Text }),
            _ => throw new ArgumentOutOfRangeException(nameof(reply)),
        };
        // Row keys sort by time so the member reads messages in the order they were written.
        var rowKey = $"{clock.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}";
        await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(memberId), rowKey)
        {
            ["Kind"] = kind,
            ["Body"] = body.ToJsonString(),
            ["About"] = About(about),
        }, cancellationToken);
    }

    /// <summary>Withdraws waiting messages that speak of a member (their erasure).</summary>
    public async Task WithdrawAboutAsync(string memberId, CancellationToken cancellationToken)
    {
        var marker = About([memberId]);
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "About"], cancellationToken: cancellationToken))
        {
            if (row.GetString("About")?.Contains(marker, StringComparison.Ordinal) == true)
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    /// <summary>What waits for the member, for their export.</summary>
    public async Task<List<JsonNode?>> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var waiting = new List<JsonNode?>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Body"], cancellationToken: cancellationToken))
        {
            waiting.Add(JsonNode.Parse(row.GetString("Body") ?? "null"));
        }
        return waiting;
    }

    /// <summary>Deletes what waits for the member (their erasure).</summary>
    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    // "|a|b|": a member id is found by its delimited form, never as part of a longer id.
    private static string About(IEnumerable<string> ids) => "|" + string.Join('|', ids.Select(TableKeys.Escape)) + "|";

    /// <summary>Sends everything waiting for the member through this turn's replies, deleting each once sent.</summary>
    public async Task<int> DeliverAsync(string memberId, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            await replies.SendAsync(Read(row), cancellationToken);
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            delivered++;
        }
        return delivered;
    }

    private static BotReply Read(TableEntity row)
    {
        var body = JsonNode.Parse(row.GetString("Body") ?? "{}")!.AsObject();
        return row.GetString("Kind") == "card"
            ? new CardReply(body["template"]!.GetValue<string>(), body["data"]!.AsObject(), body["summary"]?.GetValue<string>() ?? "")
            : new TextReply(body["text"]?.GetValue<string>() ?? "");
    }
}
