using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>
/// The latest conversation reference per member (from install and from every message), so the bot
/// can message them later with ContinueConversationAsync.
/// </summary>
public sealed class ConversationReferenceStore(TableServiceClient service, TableNames names)
{
    private readonly TableClient _table = service.GetTableClient(names.ConversationReferences);

    public async Task SaveAsync(string memberId, ConversationReference reference, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId))
        {
            ["MemberId"] = memberId,
            ["Reference"] = JsonConvert.SerializeObject(reference),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ConversationReference?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        return row.HasValue ? JsonConvert.DeserializeObject<ConversationReference>(row.Value!.GetString("Reference") ?? "null") : null;
    }

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken);
}
