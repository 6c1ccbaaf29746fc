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

    Task RunAsync(CommandContext context, CancellationToken cancellationToken);
}

public sealed class CommandContext(ChatTurn turn, IReplyChannel replies)
{
    public ChatTurn Turn { get; } = turn;

    public IReplyChannel Replies { get; } = replies;

    public Task SendAsync(BotReply reply, CancellationToken cancellationToken) => Replies.SendAsync(reply, cancellationToken);
}
