using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Privacy;

namespace PeerBot.Meetings;

/// <summary>
/// What finding a time keeps about a member: their settings, the meetings they took part in, and their own feedback
/// answers (never the other person's). Erasure cancels meetings still ahead (the other side is told), deletes the
/// pair rows and the member's answers and settings.
/// </summary>
public sealed class MeetingData(MeetingMemberStore members, MeetingStore meetings, MeetingFeedbackStore feedback, MeetingMessages messages, TimeProvider clock) : IMemberData
{
    public string Section => "meetings";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(memberId, cancellationToken);
        if (member is null)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var pairKey in member.Pairs)
        {
            if ((await meetings.GetAsync(pairKey, cancellationToken))?.Meeting is { } m && m.Includes(memberId))
            {
                list.Add(new JsonObject
                {
                    ["role"] = m.OrganizerId == memberId ? "organizer" : "guest",
                    ["state"] = m.State.ToString(),
                    ["start"] = m.Start?.ToString("O", CultureInfo.InvariantCulture),
                    ["minutes"] = m.Minutes,
                    ["yourPicks"] = new JsonArray([.. m.PicksOf(memberId).Select(p => (JsonNode?)p)]),
                });
            }
        }
        var answers = new JsonArray();
        foreach (var key in member.Feedback)
        {
            if (await feedback.GetAsync(key, cancellationToken) is { } answer)
            {
                answers.Add(new JsonObject
                {
                    ["worthYourTime"] = answer.Rating,
                    ["meetAgain"] = answer.Again,
                    ["answeredAt"] = answer.AnsweredAt.ToString("O", CultureInfo.InvariantCulture),
                });
            }
        }
        return new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["hours"] = member.HoursOrDefault.ToString(),
                ["reminders"] = member.RemindersOff ? "off" : "on",
            },
            ["meetings"] = list,
            ["feedback"] = answers,
        };
    }

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetAsync(memberId, cancellationToken);
        if (member is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var pairKey in member.Pairs)
        {
            if ((await meetings.GetAsync(pairKey, cancellationToken))?.Meeting is { } m && m.Includes(memberId))
            {
                if (m.State == MeetingState.Booked && m.Start > now)
                {
                    // The member's profile may already be gone: the other side hears only that the meeting is off.
                    await messages.SendAsync(m.OtherThan(memberId), MeetingCards.Notice("Meeting cancelled",
                        "A conversation you had booked through PeerBot is cancelled: the other member has left PeerBot. Please remove it from your calendar."), null, cancellationToken);
                }
                await meetings.DeleteAsync(pairKey, cancellationToken);
            }
        }
        foreach (var key in member.Feedback)
        {
            await feedback.DeleteAsync(key, cancellationToken);
        }
        await members.DeleteAsync(memberId, cancellationToken);
    }
}
