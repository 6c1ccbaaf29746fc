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
    public async Task<bool> TryBeginAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Bucket(key), TableKeys.Escape(key)) { ["SeenAt"] = clock.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task ForgetAsync(string key, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Bucket(key), TableKeys.Escape(key), ETag.All, cancellationToken);

    public static string KeyOf(ChatTurn turn) => $"{turn.From.Channel}|{turn.ConversationId}|{turn.ActivityId}";
}
