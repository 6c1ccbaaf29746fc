using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Intros;

/// <summary>The intro buttons: requestIntro on results, accept/decline/not now on the intro card, cancel on status.</summary>
public static class IntroVerbs
{
    public const string Request = "requestIntro";
    public const string Accept = "acceptIntro";
    public const string Decline = "declineIntro";
    public const string Snooze = "snoozeIntro";
    public const string Cancel = "cancelIntro";

    /// <summary>Opens the request with its note field, where a channel cannot show it inline (Slack's modal).</summary>
    public const string Compose = "composeIntro";

    /// <summary>One message PeerBot forwards to the other side of a connection whose contact details are unknown.</summary>
    public const string Relay = "relayMessage";

    /// <summary>Opens the relay's message field, where a channel cannot show it inline (Slack's modal).</summary>
    public const string ComposeRelay = "composeRelay";
}

public sealed class ComposeIntroAction(ProfileStore profiles) : ICardAction
{
    public string Verb => IntroVerbs.Compose;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var peerId = RequestIntroAction.Text(context.Turn.Value, "peer");
        var peer = peerId.Length == 0 ? null : (await profiles.GetAsync(peerId, cancellationToken))?.Peer;
        // A hidden member's name and title are not shown to anyone who merely knows their id.
        if (peer is null || !peer.Discoverable)
        {
            await context.SendAsync(new TextReply("That leader is no longer in the network."), cancellationToken);
            return;
        }
        await context.SendAsync(new CardReply("introNote", new JsonObject
        {
            ["peer"] = peer.Id,
            ["name"] = peer.Name,
            ["title"] = peer.Title,
            ["organization"] = peer.Organization,
        }, $"Request an intro to {RequestIntroAction.PlainName(peer.Name)}"), cancellationToken);
    }
}

public sealed class RequestIntroAction(IntroService intros, MemberProfiles profiles) : ICardAction
{
    public string Verb => IntroVerbs.Request;

    /// <summary>A request that is sent is recorded by its pair row, which carries the activity id; a repeat finds it there.</summary>
    public bool ClaimsTurnItself => true;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var peerId = Text(turn.Value, "peer");
        // Each peer on a results card has its own note input; the button names it.
        var noteInput = Text(turn.Value, "noteInput");
        var note = Text(turn.Value, noteInput.StartsWith("note", StringComparison.Ordinal) ? noteInput : "note");
        var (outcome, intro) = await intros.RequestAsync(turn.From.PeerId, peerId, note, turn.ActivityId ?? "", cancellationToken);
        var peer = await profiles.FindAsync(peerId, cancellationToken);
        // Names are member text: shown as typed, never as a link.
        var name = PlainName(peer?.Name ?? "that leader");
        BotReply reply = outcome switch
        {
            RequestOutcome.Sent => IntroCards.Status(intro!, peer!, $"Request sent. {name} will see your request in their own chat; you'll hear as soon as they answer."),
            RequestOutcome.Duplicate => null!,
            RequestOutcome.NoProfile => new TextReply("Create your profile first (type **profile**), so the peer can see who is asking."),
            RequestOutcome.UnknownPeer => new TextReply("That leader is no longer in the network."),
            RequestOutcome.NotAllowed => new TextReply("PeerBot introduces you to leaders at other organizations only."),
            RequestOutcome.AlreadyOpen => IntroCards.Status(intro!, peer!, $"You already have an intro with {name}: {IntroCards.StateLabel(intro!.State).ToLowerInvariant()}."),
            RequestOutcome.Cooldown => new TextReply($"{name} is not available right now. Try another peer with **findpeer**."),
            RequestOutcome.WeeklyLimit => new TextReply($"You've sent {IntroRules.MaxRequestsPerWeek} intro requests in the last 7 days, which is the limit. You can ask again once the oldest is a week old."),
            RequestOutcome.PeerBusy => new TextReply($"{name} has several requests waiting already. Try again in a few days, or pick another peer."),
            _ => new TextReply("That didn't work. Please try again."),
        };
        // A request sent is recorded by its pair row (a repeat comes back Duplicate, answered the first time); any
        // other answer claims the turn first, so that a repeat of a refusal is not told twice.
        if (outcome is not (RequestOutcome.Sent or RequestOutcome.Duplicate) && !await context.ClaimTurnAsync(cancellationToken))
        {
            return;
        }
        if (outcome != RequestOutcome.Duplicate)
        {
            await context.SendAsync(reply, cancellationToken);
        }
        // The results card the request came from stops offering "Request intro" for this peer.
        if (outcome is RequestOutcome.Sent or RequestOutcome.AlreadyOpen or RequestOutcome.Duplicate
            && context.Replies.OriginalCard is { Template: "results" } results && MarkRequested(results, peerId))
        {
            await context.Replies.UpdateCardAsync(results, cancellationToken);
        }
    }

    private static bool MarkRequested(CardReply results, string peerId)
    {
        var entry = (results.Data["peers"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => Text(p, "id") == peerId);
        if (entry is null || entry["requested"] is JsonValue done && done.TryGetValue<bool>(out var requested) && requested)
        {
            return false;
        }
        entry["requested"] = true;
        return true;
    }

    internal static string PlainName(string name) =>
        name.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    internal static string Text(JsonObject? value, string key) =>
        value?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

/// <summary>"Write to them": the relay's message form on its own (Slack opens it as a modal).</summary>
public sealed class ComposeRelayAction(IntroStore store, ProfileStore profiles) : ICardAction
{
    public string Verb => IntroVerbs.ComposeRelay;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var me = context.Turn.From.PeerId;
        var intro = (await store.GetAsync(RequestIntroAction.Text(context.Turn.Value, "intro"), cancellationToken))?.Intro;
        var other = intro is { State: IntroState.Connected } && (intro.RequesterId == me || intro.PeerId == me)
            ? (await profiles.GetAsync(intro.OtherThan(me), cancellationToken))?.Peer
            : null;
        if (other is null)
        {
            await context.SendAsync(new TextReply("That introduction no longer exists, or it is not one of yours."), cancellationToken);
            return;
        }
        await context.SendAsync(IntroCards.RelayNote(intro!, other), cancellationToken);
    }
}

/// <summary>Sends the one message PeerBot forwards for a connection without contact details.</summary>
public sealed class RelayMessageAction(IntroService intros) : ICardAction
{
    public string Verb => IntroVerbs.Relay;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var value = context.Turn.Value;
        var round = value?["round"] is JsonValue r && (r.TryGetValue<int>(out var n) || (r.TryGetValue<string>(out var t) && int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out n))) ? n : 0;
        var (outcome, other) = await intros.RelayAsync(RequestIntroAction.Text(value, "intro"), round, context.Turn.From.PeerId, RequestIntroAction.Text(value, "message"), cancellationToken);
        var name = RequestIntroAction.PlainName(other?.Name ?? "them");
        await context.SendAsync(new TextReply(outcome switch
        {
            RelayOutcome.Sent => $"Sent. PeerBot delivered your message to {name}; they can answer you once the same way, or with your contact details.",
            RelayOutcome.AlreadyUsed => $"You have already sent your one message to {name} through PeerBot.",
            RelayOutcome.Empty => "Write a message first: it goes to them as you typed it.",
            RelayOutcome.TooLong => $"Please keep the message to {IntroRules.MaxRelayLength} characters.",
            _ => "That introduction no longer exists, or it is not one of yours.",
        }), cancellationToken);
    }
}

/// <summary>Accept, Decline, Not now and Cancel: one transition each, the clicker's card updated in place.</summary>
public sealed class MoveIntroAction(string verb, IntroService intros, ProfileStore profiles) : ICardAction
{
    public string Verb => verb;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        var pairKey = RequestIntroAction.Text(turn.Value, "intro");
        var round = turn.Value?["round"] is JsonValue r && (r.TryGetValue<int>(out var n) || (r.TryGetValue<string>(out var t) && int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out n))) ? n : 0;
        var me = turn.From.PeerId;

        if (verb == IntroVerbs.Snooze)
        {
            var snoozed = await intros.SnoozeAsync(pairKey, round, me, cancellationToken);
            await UpdateAsync(context, snoozed, snoozed?.State == IntroState.Requested && snoozed.PeerId == me
                ? "Not now. It will come back with your next nudge." : null, cancellationToken);
            return;
        }

        var to = verb switch
        {
            IntroVerbs.Accept => IntroState.Accepted,
            IntroVerbs.Decline => IntroState.Declined,
            _ => IntroState.Cancelled,
        };
        var (intro, changed) = await intros.MoveAsync(pairKey, round, to, me, cancellationToken);
        var message = !changed ? null : to switch
        {
            IntroState.Accepted => "You accepted. You're connected: see the card below.",
            IntroState.Declined => "You declined. They will only hear that you're not available right now.",
            _ => "Request cancelled.",
        };
        await UpdateAsync(context, intro, message, cancellationToken);
    }

    private async Task UpdateAsync(CommandContext context, Introduction? intro, string? message, CancellationToken cancellationToken)
    {
        if (intro is null || (intro.RequesterId != context.Turn.From.PeerId && intro.PeerId != context.Turn.From.PeerId))
        {
            // Also the answer to a button naming someone else's introduction: nothing about it is shown.
            await context.SendAsync(new TextReply("That introduction no longer exists, or it is not one of yours."), cancellationToken);
            return;
        }
        // A click that lost a race (or repeats one) sees where the intro stands, and no one else hears of it.
        message ??= intro.IsOpen
            ? $"Nothing changed: this intro is {IntroCards.StateLabel(intro.State).ToLowerInvariant()}."
            : $"This intro is already settled: {IntroCards.StateLabel(intro.State).ToLowerInvariant()}.";
        var requester = (await profiles.GetAsync(intro.RequesterId, cancellationToken))?.Peer;
        if (intro.RequesterId == context.Turn.From.PeerId)
        {
            var peer = (await profiles.GetAsync(intro.PeerId, cancellationToken))?.Peer;
            if (peer is not null)
            {
                await context.Replies.UpdateCardAsync(IntroCards.Status(intro, peer, message), cancellationToken);
                return;
            }
        }
        await context.Replies.UpdateCardAsync(IntroCards.Decided(intro, requester, message), cancellationToken);
    }
}

/// <summary>"intros": the member's pending, connected and past introductions.</summary>
public sealed class IntrosCommand(IntroStore store, ProfileStore profiles) : IChatCommand
{
    public IReadOnlyList<string> Names { get; } = ["intros", "introductions"];

    public string Usage => "intros";

    public string Description => "See your pending, connected and past introductions.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var me = context.Turn.From.PeerId;
        var intros = new List<Introduction>();
        await foreach (var intro in store.ForMemberAsync(me, cancellationToken))
        {
            intros.Add(intro);
        }
        var people = new Dictionary<string, Peer>(StringComparer.Ordinal);
        foreach (var id in intros.Select(i => i.OtherThan(me)).Distinct())
        {
            if ((await profiles.GetAsync(id, cancellationToken))?.Peer is { } peer)
            {
                people[id] = peer;
            }
        }
        var ordered = intros.OrderByDescending(i => i.History[^1].At).ToList();
        await context.SendAsync(IntroCards.List(me, ordered, people), cancellationToken);
    }
}
