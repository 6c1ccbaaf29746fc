using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>
/// Remembers which activities were handled, so a channel's retry of the same activity (same id) does
/// nothing twice. A turn that fails is forgotten again, so the retry can still do the work.
/// </summary>
public sealed class TurnLedger(TableServiceClient service, TableNames names, TimeProvider clock)
{
    private readonly TableClient _table = service.GetTableClient(names.Turns);

    /// <summary>False when this activity was seen before (a duplicate delivery).</summary>
    public async Task<bool> TryBeginAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(PartitionOf(turn), RowOf(turn)) { ["SeenAt"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task ForgetAsync(ChatTurn turn, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(PartitionOf(turn), RowOf(turn), ETag.All, cancellationToken);

    /// <summary>Erases every turn the member took (their privacy request); nothing else reads these rows.</summary>
    public async Task ForgetMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    // Kept per member so that a member's turns can be erased without scanning everyone's.
    private static string PartitionOf(ChatTurn turn) => TableKeys.Escape(turn.From.PeerId);

    private static string RowOf(ChatTurn turn) => TableKeys.Escape($"{turn.ConversationId}|{turn.ActivityId}");
}
