using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Conversations;

namespace PeerBot.Nudges;

/// <summary>The "Resume nudges" button on the ghost-rule card.</summary>
public sealed class ResumeNudgesAction(PersonalNudges personal) : ICardAction
{
    public string Verb => NudgeCards.ResumeVerb;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var message = await personal.ResumeAsync(context.Turn, cancellationToken);
        await context.Replies.UpdateCardAsync(NudgeCards.Notice("Nudges resumed", message), cancellationToken);
    }
}

/// <summary>Yes / Not yet / It won't happen on a follow-up card. "Not yet" the first time brings one more, a week later.</summary>
public sealed class FollowUpAnswerAction(FollowUps followUps, NudgeMemberStore members, NudgeTimers timers, IEnumerable<IFollowUpListener> listeners, TimeProvider clock) : ICardAction
{
    public string Verb => NudgeCards.FollowUpVerb;

    public async Task RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var value = context.Turn.Value;
        var pairKey = Text(value, "intro");
        var answer = Text(value, "answer");
        var round = Number(value, "round");
        var asked = Number(value, "asked");
        var me = context.Turn.From.PeerId;
        if (!FollowUpAnswers.IsKnown(answer) || asked is < 1 or > 2)
        {
            await context.SendAsync(new TextReply("That button is no longer supported."), cancellationToken);
            return;
        }
        // The button names a connection; only the member it was asked of may answer (nothing is scheduled otherwise).
        if (await followUps.GetAsync(pairKey, me, cancellationToken) is null)
        {
            await context.SendAsync(new TextReply("That follow-up is not one of yours, so nothing was recorded."), cancellationToken);
            return;
        }
        if (answer == FollowUpAnswers.NotYet && asked == 1)
        {
            // Schedule the second question before storing the answer, so that a crash in between cannot lose it.
            var member = await members.GetAsync(me, cancellationToken);
            var due = NudgeCalendar.NextAllowed(clock.GetUtcNow() + FollowUpHandler.After, member?.Zone ?? TimeZoneInfo.Utc, member?.At ?? NudgeTime.Default);
            await timers.ScheduleAsync(FollowUpHandler.JobFor(me, pairKey, round, 2, due), cancellationToken);
        }
        var stored = await followUps.AnswerAsync(pairKey, me, round, asked, answer, cancellationToken);
        var message = !stored ? "You answered this one already — thanks!" : answer switch
        {
            FollowUpAnswers.Yes => "Great — glad you met! Thanks for telling me.",
            FollowUpAnswers.NotYet => asked == 1 ? "No problem. I'll check in once more in a week." : "Thanks. I won't ask again about this one.",
            _ => "Thanks for letting me know. Find another peer any time with **findpeer**.",
        };
        CardReply? next = null;
        if (stored)
        {
            foreach (var listener in listeners)
            {
                next ??= await listener.AnsweredAsync(pairKey, round, me, answer, cancellationToken);
            }
        }
        await context.Replies.UpdateCardAsync(next ?? NudgeCards.Notice("Thanks", message), cancellationToken);
    }

    private static string Text(JsonObject? value, string key) =>
        value?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static int Number(JsonObject? value, string key) =>
        value?[key] is JsonValue v && (v.TryGetValue<int>(out var n) || (v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out n))) ? n : 0;
}
