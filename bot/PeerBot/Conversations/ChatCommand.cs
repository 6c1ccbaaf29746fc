namespace PeerBot.Conversations;

/// <summary>A typed command ("findpeer VP marketing") or a card action with the same name.</summary>
public interface IChatCommand
{
    /// <summary>The command word and its aliases, lower case.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>How it is typed, for the help card ("findpeer &lt;role&gt;").</summary>
    string Usage { get; }

    string Description { get; }

    Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken);
}

/// <summary>A card button that is not a command, keyed by its action verb (e.g. "saveProfile").</summary>
public interface ICardAction
{
    string Verb { get; }

    /// <summary>
    /// True for an action whose own conditional write records the activity id, so that a repeat delivery finds it
    /// there: the router then takes no turn claim first, and the action calls <see cref="CommandContext.ClaimTurnAsync"/>
    /// before any answer that write does not guard. One storage call fewer on its main path.
    /// </summary>
    bool ClaimsTurnItself => false;

    Task RunAsync(CommandContext context, CancellationToken cancellationToken);
}

public sealed class CommandContext(ChatTurn turn, IReplyChannel replies, TurnClaim? claim = null)
{
    public ChatTurn Turn { get; } = turn;

    public IReplyChannel Replies { get; } = replies;

    public Task SendAsync(BotReply reply, CancellationToken cancellationToken) => Replies.SendAsync(reply, cancellationToken);

    /// <summary>Claims the turn (see <see cref="ICardAction.ClaimsTurnItself"/>); false for a repeat delivery, which must not answer.</summary>
    public Task<bool> ClaimTurnAsync(CancellationToken cancellationToken) => claim?.TakeAsync(cancellationToken) ?? Task.FromResult(true);
}
