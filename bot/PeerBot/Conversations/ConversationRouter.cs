using PeerBot.Telemetry;

namespace PeerBot.Conversations;

/// <summary>
/// The one place every channel hands its turns to. Card actions are dispatched by verb, typed text by command word;
/// personal text that neither claims goes to onboarding, anything else brings the help card. Nothing is kept
/// between turns: a member who has not finished onboarding is recognised by having no profile.
/// </summary>
public sealed class ConversationRouter(IEnumerable<IChatCommand> commands, IEnumerable<ICardAction> actions, IEnumerable<IOnboarding> onboarding, TurnLedger ledger, Outbox outbox)
{
    private readonly Dictionary<string, IChatCommand> _commands = commands
        .SelectMany(c => c.Names.Select(n => (Name: n, Command: c)))
        .ToDictionary(x => x.Name, x => x.Command, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, ICardAction> _actions = actions.ToDictionary(a => a.Verb, StringComparer.OrdinalIgnoreCase);

    private readonly IOnboarding[] _onboarding = [.. onboarding];

    public IReadOnlyCollection<IChatCommand> Commands => _commands.Values.Distinct().ToList();

    /// <summary>The member installed the app or started a personal chat: what waited for them, then a welcome if they are new.</summary>
    public async Task OnMemberJoinedAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        await outbox.DeliverAsync(turn.From.PeerId, replies, cancellationToken);
        await WelcomeOnceAsync(turn, replies, cancellationToken);
    }

    /// <summary>
    /// Handles a turn once: a repeated delivery of the same activity does nothing. An edge that already recorded the
    /// delivery itself (<see cref="ChatTurn.IsClaimed"/>) is not asked again; a card action that records it in its
    /// own write (<see cref="ICardAction.ClaimsTurnItself"/>) claims the turn itself.
    /// </summary>
    public async Task OnTurnAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        using var span = PeerBotTelemetry.Source.StartActivity("turn");
        var channel = TurnTelemetry.Channel(turn);
        span?.SetTag("peerbot.channel", channel);
        span?.SetTag("peerbot.turn.kind", KindOf(turn));
        var outcome = "error";
        try
        {
            var claim = new TurnClaim(ledger, turn);
            var deferred = turn.Action is { } verb && _actions.TryGetValue(verb, out var action) && action.ClaimsTurnItself;
            if (!deferred && !await claim.TakeAsync(cancellationToken))
            {
                outcome = "duplicate";
                return;
            }
            try
            {
                if (turn.IsPersonal)
                {
                    await outbox.DeliverAsync(turn.From.PeerId, replies, cancellationToken);
                }
                await RouteAsync(new CommandContext(turn, replies, claim), cancellationToken);
                outcome = "ok";
            }
            catch when (claim.Taken)
            {
                await claim.ReleaseAsync();
                throw;
            }
        }
        catch (Exception e)
        {
            outcome = TurnTelemetry.Outcome(e);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag("peerbot.turn.outcome", outcome);
            PeerBotTelemetry.Turn(channel, outcome);
        }
    }

    /// <summary>What kind of turn this is, in our own words only: a known command or verb, or "text".</summary>
    private string KindOf(ChatTurn turn)
    {
        if (turn.Action is { } verb)
        {
            return _actions.ContainsKey(verb) || _commands.ContainsKey(verb) ? "action:" + verb.ToLowerInvariant() : "action:other";
        }
        var (word, _) = CommandText.Parse(turn.Text);
        return _commands.TryGetValue(word, out var command) ? "command:" + command.Names[0] : "text";
    }

    private async Task RouteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (turn, replies) = (context.Turn, context.Replies);
        if (turn.Action is { } verb)
        {
            await OnActionAsync(context, verb, cancellationToken);
            return;
        }

        var (word, arguments) = CommandText.Parse(turn.Text);
        if (_commands.TryGetValue(word, out var command))
        {
            // findpeer works in the middle of onboarding: the welcome comes first, then the answer. "profile" starts
            // onboarding itself, with the form alone: no welcome before it, and no second form.
            if (turn.IsPersonal && word != "profile")
            {
                await WelcomeOnceAsync(turn, replies, cancellationToken);
            }
            await command.RunAsync(context, arguments, cancellationToken);
            return;
        }

        if (turn.IsPersonal)
        {
            foreach (var hook in _onboarding)
            {
                if (await hook.TryAnswerAsync(turn, replies, cancellationToken))
                {
                    return;
                }
            }
        }

        await _commands["help"].RunAsync(context, "", cancellationToken);
    }

    private async Task WelcomeOnceAsync(ChatTurn turn, IReplyChannel replies, CancellationToken cancellationToken)
    {
        foreach (var hook in _onboarding)
        {
            await hook.WelcomeOnceAsync(turn, replies, cancellationToken);
        }
    }

    private async Task OnActionAsync(CommandContext context, string verb, CancellationToken cancellationToken)
    {
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
