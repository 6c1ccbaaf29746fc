using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>Which dialog is active for a member in a conversation, and its state.</summary>
public sealed record ActiveDialog(string DialogId, JsonObject State, ETag ETag);

/// <summary>Persists the active dialog per (conversation, member) in Table Storage, with ETag concurrency.</summary>
public sealed class DialogStore(TableServiceClient service, TableNames names)
{
    private readonly TableClient _table = service.GetTableClient(names.Dialogs);

    public async Task<ActiveDialog?> GetAsync(string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(conversationId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        var state = JsonNode.Parse(row.Value!.GetString("State") ?? "{}") as JsonObject ?? [];
        return new ActiveDialog(row.Value.GetString("DialogId") ?? "", state, row.Value.ETag);
    }

    public async Task SaveAsync(string conversationId, string memberId, string dialogId, JsonObject state, ETag? expected, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(conversationId), TableKeys.Escape(memberId))
        {
            ["DialogId"] = dialogId,
            ["State"] = state.ToJsonString(),
        };
        try
        {
            if (expected is { } etag)
            {
                await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 412 || (e.Status == 404 && expected is not null))
        {
            // 404: another turn ended the dialog (deleting its row) after this one read it.
            throw new ConcurrentEditException("The conversation moved on in another turn.", e);
        }
    }

    /// <summary>Marks a dialog active only if none is: the one caller that gets an ETag back runs it.</summary>
    public async Task<ETag?> TryClaimAsync(string conversationId, string memberId, string dialogId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(conversationId), TableKeys.Escape(memberId))
        {
            ["DialogId"] = dialogId,
            ["State"] = "{}",
        };
        try
        {
            var response = await _table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task ClearAsync(string conversationId, string memberId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(TableKeys.Escape(conversationId), TableKeys.Escape(memberId), ETag.All, cancellationToken);
}
