using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>
/// Remembers which activities were handled, so a channel's retry of the same activity (same id) does
/// nothing twice. A turn that fails is forgotten again, so the retry can still do the work. It also holds
/// the few things that happen once per member (<see cref="TryMarkAsync"/>).
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

    /// <summary>
    /// Records the delivery for <paramref name="claimant"/> (a durable work item). False when it was recorded before
    /// by someone else (a repeat); true again for the same claimant, whose earlier attempt died before it finished.
    /// </summary>
    public async Task<bool> TryClaimAsync(ChatTurn turn, string claimant, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(PartitionOf(turn), RowOf(turn)) { ["SeenAt"] = clock.GetUtcNow(), ["Claimant"] = claimant }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(turn), RowOf(turn), ["Claimant"], cancellationToken);
            return row.HasValue && row.Value!.GetString("Claimant") == claimant;
        }
    }

    /// <summary>
    /// Marks something that happens once per member (a welcome); false when it was marked before. The row sits
    /// among the member's turns, so their erasure removes it too.
    /// </summary>
    public async Task<bool> TryMarkAsync(string memberId, string mark, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(memberId), MarkRow(mark)) { ["SeenAt"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Takes a mark back (what it stood for did not happen after all).</summary>
    public Task UnmarkAsync(string memberId, string mark, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Escape(memberId), MarkRow(mark), ETag.All, cancellationToken);

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

    // A turn's row always holds a '|'; a mark's never does, so the two cannot meet.
    private static string MarkRow(string mark) => TableKeys.Escape(mark.Replace('|', '-'));
}
