using System.Text.Json.Nodes;

namespace PeerBot.Conversations;

/// <summary>
/// A multi-turn conversation step, such as onboarding. Our own small replacement for
/// Microsoft.Bot.Builder.Dialogs, which is not available to us; it keeps one active dialog per member
/// and conversation, with a JSON state bag persisted between turns.
/// </summary>
public interface IDialog
{
    string Id { get; }

    Task<DialogResult> BeginAsync(DialogContext context, CancellationToken cancellationToken);

    Task<DialogResult> ContinueAsync(DialogContext context, CancellationToken cancellationToken);
}

public enum DialogResult
{
    /// <summary>The dialog waits for the member's next turn.</summary>
    Waiting,

    /// <summary>The dialog is finished and is removed from the stack.</summary>
    Complete,

    /// <summary>The dialog did not understand the turn; the router handles it as if no dialog were active.</summary>
    NotHandled,
}

public sealed class DialogContext(ChatTurn turn, IReplyChannel replies, JsonObject state)
{
    public ChatTurn Turn { get; } = turn;

    public IReplyChannel Replies { get; } = replies;

    /// <summary>The dialog's own state, persisted between turns.</summary>
    public JsonObject State { get; } = state;

    public Task SendAsync(BotReply reply, CancellationToken cancellationToken) => Replies.SendAsync(reply, cancellationToken);
}
