using System.Globalization;
using PeerBot.Conversations;

namespace PeerBot.Meetings;

/// <summary>
/// The invite's link, <c>/meet/{token}.ics</c>: the pair and meeting number sealed in a token as the export and
/// chart links are, so it can be neither guessed nor altered and names nobody. It works until the meeting ends
/// (checked against the meeting row with the bot's clock), and always serves the meeting as it stands: the new
/// time after a reschedule, the cancellation after a cancel.
/// </summary>
public sealed class MeetingLinks(SealedLinks links, TimeProvider clock)
{
    public const string Path = "meet";
    private const string Purpose = "PeerBot.Meetings.Invite";

    public string Create(Meeting meeting)
    {
        var end = meeting.End ?? clock.GetUtcNow();
        // The token's own lifetime is a backstop in wall-clock time; the meeting's end is what decides.
        var lifetime = end - clock.GetUtcNow() + TimeSpan.FromDays(1);
        return links.Create(Purpose, Path, $"{meeting.PairKey}:{meeting.Number.ToString(CultureInfo.InvariantCulture)}",
            lifetime < TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : lifetime, ".ics");
    }

    /// <summary>The pair and meeting number sealed in the token, or null when it is forged, altered or expired.</summary>
    public (string PairKey, int Number)? Open(string token) =>
        links.Open(Purpose, token)?.Split(':') is [var pair, var number] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (pair, n)
            : null;
}
