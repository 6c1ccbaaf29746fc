using System.Text.Json.Nodes;

namespace PeerBot.Conversations;

/// <summary>Runs the registered dialogs: at most one active per member and conversation.</summary>
public sealed class Dialogs(IEnumerable<IDialog> dialogs, DialogStore store)
{
    private readonly Dictionary<string, IDialog> _byId = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task BeginAsync(string dialogId, ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var dialog = _byId[dialogId];
        var context = new DialogContext(turn, replies, []);
        var result = await dialog.BeginAsync(context, cancellationToken);
        await PersistAsync(turn, dialogId, context.State, result, expected: null, cancellationToken);
    }

    /// <summary>
    /// Starts a dialog unless one is already active for the member here. Channels may announce a member twice
    /// at once (an install and a conversation update); only one of them starts it.
    /// </summary>
    public async Task<bool> BeginOnceAsync(string dialogId, ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var claim = await store.TryClaimAsync(turn.ConversationId, turn.From.PeerId, dialogId, cancellationToken);
        if (claim is null)
        {
            return false;
        }
        var context = new DialogContext(turn, replies, []);
        try
        {
            var result = await _byId[dialogId].BeginAsync(context, cancellationToken);
            await PersistAsync(turn, dialogId, context.State, result, claim, cancellationToken);
            return true;
        }
        catch
        {
            // Let a retry of this turn start it again.
            await store.ClearAsync(turn.ConversationId, turn.From.PeerId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Hands the turn to the active dialog, if any. False when there is none or it did not handle the turn.</summary>
    public async Task<bool> ContinueAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var active = await store.GetAsync(turn.ConversationId, turn.From.PeerId, cancellationToken);
        if (active is null || !_byId.TryGetValue(active.DialogId, out var dialog))
        {
            return false;
        }
        var context = new DialogContext(turn, replies, active.State);
        var result = await dialog.ContinueAsync(context, cancellationToken);
        if (result == DialogResult.NotHandled)
        {
            return false;
        }
        await PersistAsync(turn, active.DialogId, context.State, result, active.ETag, cancellationToken);
        return true;
    }

    public async Task<bool> IsActiveAsync(ChatTurn turn, string dialogId, CancellationToken cancellationToken) =>
        (await store.GetAsync(turn.ConversationId, turn.From.PeerId, cancellationToken))?.DialogId == dialogId;

    public Task EndAsync(ChatTurn turn, CancellationToken cancellationToken) =>
        store.ClearAsync(turn.ConversationId, turn.From.PeerId, cancellationToken);

    private async Task PersistAsync(ChatTurn turn, string dialogId, JsonObject state, DialogResult result, Azure.ETag? expected, CancellationToken cancellationToken)
    {
        if (result == DialogResult.Complete)
        {
            await store.ClearAsync(turn.ConversationId, turn.From.PeerId, cancellationToken);
        }
        else
        {
            await store.SaveAsync(turn.ConversationId, turn.From.PeerId, dialogId, state, expected, cancellationToken);
        }
    }
}
