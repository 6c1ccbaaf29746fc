using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Conversations;

namespace PeerBot.Meetings;

/// <summary>Reads what a meeting button carried (and the inputs merged into it).</summary>
internal static class MeetingValues
{
    public static string Text(JsonObject? value, string key) =>
        value?[key] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : "";

    public static int Number(JsonObject? value, string key) =>
        int.TryParse(Text(value, key).Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The pair a button names: "meeting" on meeting cards, "intro" on the connected card.</summary>
    public static string Pair(JsonObject? value) => Text(value, "meeting") is { Length: > 0 } pair ? pair : Text(value, "intro");

    /// <summary>A multi-select's value: Teams sends "a,b,c"; the Slack edge flattens checkboxes the same way.</summary>
    public static IReadOnlyList<string> List(JsonObject? value, string key) =>
        Text(value, key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task ApplyAsync(CommandContext context, MeetingReply reply, CancellationToken cancellationToken)
    {
        if (reply.Replace && reply.Reply is CardReply card)
        {
            await context.Replies.UpdateCardAsync(card, cancellationToken);
        }
        else
        {
            await context.SendAsync(reply.Reply, cancellationToken);
        }
    }
}

/// <summary>"Find a time" on the connected card, and on the "meet again" and cancellation notices.</summary>
public sealed class FindTimeAction(MeetingService meetings) : ICardAction
{
    public string Verb => MeetingVerbs.FindTime;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        // A new message: the card it was pressed on (the connected card with the email) stays as it is.
        await MeetingValues.ApplyAsync(context, await meetings.StartAsync(MeetingValues.Pair(context.Turn.Value), context.Turn, cancellationToken) with { Replace = false }, cancellationToken);
}

public sealed class SetZoneAction(MeetingService meetings) : ICardAction
{
    public string Verb => MeetingVerbs.SetZone;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        await MeetingValues.ApplyAsync(context, await meetings.SetZoneAsync(MeetingValues.Pair(context.Turn.Value), context.Turn, MeetingValues.Text(context.Turn.Value, "zone"), cancellationToken), cancellationToken);
}

/// <summary>"Send my picks" (and "None of these") on the slot card.</summary>
public sealed class PickSlotsAction(MeetingPicks picks) : ICardAction
{
    public string Verb => MeetingVerbs.Pick;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var value = context.Turn.Value;
        var reply = await picks.PickAsync(MeetingValues.Pair(value), MeetingValues.Number(value, "number"), MeetingValues.Number(value, "round"),
            context.Turn.From.PeerId, MeetingValues.List(value, "slots"), MeetingValues.Text(value, "none") == "true", cancellationToken);
        await MeetingValues.ApplyAsync(context, reply, cancellationToken);
    }
}

public sealed class OpenProposalAction(MeetingPicks picks) : ICardAction
{
    public string Verb => MeetingVerbs.OpenProposal;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        await MeetingValues.ApplyAsync(context, await picks.OpenProposalAsync(MeetingValues.Pair(context.Turn.Value), MeetingValues.Number(context.Turn.Value, "number"), context.Turn.From.PeerId, cancellationToken), cancellationToken);
}

public sealed class ProposeTimesAction(MeetingPicks picks) : ICardAction
{
    public string Verb => MeetingVerbs.Propose;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var value = context.Turn.Value;
        var typed = Enumerable.Range(1, MeetingRules.MaxProposals)
            .Select(i => (MeetingValues.Text(value, $"date{i}"), MeetingValues.Text(value, $"time{i}")))
            .ToList();
        var reply = await picks.ProposeAsync(MeetingValues.Pair(value), MeetingValues.Number(value, "number"), context.Turn.From.PeerId, typed, cancellationToken);
        await MeetingValues.ApplyAsync(context, reply, cancellationToken);
    }
}

public sealed class RescheduleAction(MeetingBookings bookings) : ICardAction
{
    public string Verb => MeetingVerbs.Reschedule;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        await MeetingValues.ApplyAsync(context, await bookings.RescheduleAsync(MeetingValues.Pair(context.Turn.Value), MeetingValues.Number(context.Turn.Value, "number"), context.Turn.From.PeerId, cancellationToken), cancellationToken);
}

public sealed class CancelMeetingAction(MeetingBookings bookings) : ICardAction
{
    public string Verb => MeetingVerbs.Cancel;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken) =>
        await MeetingValues.ApplyAsync(context, await bookings.CancelAsync(MeetingValues.Pair(context.Turn.Value), MeetingValues.Number(context.Turn.Value, "number"), context.Turn.From.PeerId, cancellationToken), cancellationToken);
}
