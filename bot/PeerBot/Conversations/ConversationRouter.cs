using PeerBot.Profiles;

namespace PeerBot.Conversations;

/// <summary>
/// The one place every channel hands its turns to. Card actions are dispatched by verb, typed text by
/// command word; an active dialog gets what neither claims; anything else brings the help card.
/// </summary>
public sealed class ConversationRouter(IEnumerable<IChatCommand> commands, IEnumerable<ICardAction> actions, Dialogs dialogs, ProfileStore profiles, TurnLedger ledger, Outbox outbox)
{
    private readonly Dictionary<string, IChatCommand> _commands = commands
        .SelectMany(c => c.Names.Select(n => (Name: n, Command: c)))
        .ToDictionary(x => x.Name, x => x.Command, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, ICardAction> _actions = actions.ToDictionary(a => a.Verb, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IChatCommand> Commands => _commands.Values.Distinct().ToList();

    /// <summary>The member installed the app or started a personal chat: welcome them once, with the profile form.</summary>
    public async Task OnMemberJoinedAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        await outbox.DeliverAsync(turn.From.PeerId, replies, cancellationToken);
        await WelcomeOnceAsync(turn, replies, cancellationToken);
    }

    private async Task WelcomeOnceAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        if (await profiles.GetAsync(turn.From.PeerId, cancellationToken) is null)
        {
            await dialogs.BeginOnceAsync(ProfileDialog.DialogId, turn, replies, cancellationToken);
        }
    }

    /// <summary>Handles a turn once: a repeated delivery of the same activity does nothing.</summary>
    public async Task OnTurnAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var once = turn.ActivityId is { Length: > 0 };
        if (once && !await ledger.TryBeginAsync(turn, cancellationToken))
        {
            return;
        }
        try
        {
            if (turn.IsPersonal)
            {
                await outbox.DeliverAsync(turn.From.PeerId, replies, cancellationToken);
            }
            await RouteAsync(turn, replies, cancellationToken);
        }
        catch when (once)
        {
            await ledger.ForgetAsync(turn, CancellationToken.None);
            throw;
        }
    }

    private async Task RouteAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        var context = new CommandContext(turn, replies, dialogs);
        if (turn.Action is { } verb)
        {
            await OnActionAsync(context, verb, cancellationToken);
            return;
        }

        var (word, arguments) = CommandText.Parse(turn.Text);
        if (_commands.TryGetValue(word, out var command))
        {
            // "profile" starts onboarding itself, with the form alone: no welcome before it, and no second form.
            if (turn.IsPersonal && word != "profile")
            {
                await WelcomeOnceAsync(turn, replies, cancellationToken);
            }
            await command.RunAsync(context, arguments, cancellationToken);
            return;
        }

        if (await dialogs.ContinueAsync(turn, replies, cancellationToken))
        {
            return;
        }

        if (turn.IsPersonal && await profiles.GetAsync(turn.From.PeerId, cancellationToken) is null)
        {
            await dialogs.BeginAsync(ProfileDialog.DialogId, turn, replies, cancellationToken);
            return;
        }

        await _commands["help"].RunAsync(context, "", cancellationToken);
    }

    private async Task OnActionAsync(CommandContext context, string verb, CancellationToken cancellationToken)
    {
        if (await dialogs.ContinueAsync(context.Turn, context.Replies, cancellationToken))
        {
            return;
        }
        if (_actions.TryGetValue(verb, out var action))
        {
            await action.RunAsync(context, cancellationToken);
        }
        else if (_commands.TryGetValue(verb, out var command))
        {
            var arguments = context.Turn.Value?["query"] is System.Text.Json.Nodes.JsonValue query && query.TryGetValue<string>(out var text) ? text : "";
            await command.RunAsync(context, arguments, cancellationToken);
        }
        else
        {
            await context.SendAsync(new TextReply("That button is no longer supported. Type **help** to see what I can do."), cancellationToken);
        }
    }
}
