using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PeerBot.Profiles;

namespace PeerBot.Meetings;

/// <summary>
/// The iCalendar invite for a booked meeting (RFC 5545, written by Ical.Net): one VEVENT with a UTC start, both
/// members as attendees, the organizer (who asked for the intro) as ORGANIZER, their meeting link as LOCATION and
/// the conversation starters in the description. A reschedule keeps the UID and raises SEQUENCE; a cancel is
/// METHOD:CANCEL with STATUS:CANCELLED.
/// </summary>
public static class MeetingInvite
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Summary(Peer other) => $"Peer conversation with {other.Name} (PeerBot)";

    public static string Write(Meeting meeting, Peer organizer, Peer guest, IReadOnlyList<string> starters, DateTimeOffset stamp)
    {
        var start = meeting.Start ?? throw new InvalidOperationException("Only a booked meeting has an invite.");
        var cancelled = meeting.State == MeetingState.Cancelled;
        var calendar = new Ical.Net.Calendar { Method = cancelled ? "CANCEL" : "REQUEST" };
        var invite = new CalendarEvent
        {
            Uid = meeting.Uid,
            Sequence = meeting.Sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime),
            DtStart = new CalDateTime(start.UtcDateTime),
            DtEnd = new CalDateTime(start.AddMinutes(meeting.Minutes).UtcDateTime),
            Summary = $"Peer conversation: {organizer.Name} and {guest.Name}",
            Description = Description(meeting, starters),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Transparency = "OPAQUE",
        };
        if (meeting.Location.Length > 0)
        {
            invite.Location = meeting.Location;
        }
        if (Address(organizer) is { } organizerAddress)
        {
            invite.Organizer = new Organizer(organizerAddress) { CommonName = Parameter(organizer.Name) };
        }
        foreach (var member in new[] { organizer, guest })
        {
            if (Address(member) is { } address)
            {
                invite.Attendees.Add(new Attendee(address)
                {
                    CommonName = Parameter(member.Name),
                    Role = "REQ-PARTICIPANT",
                    ParticipationStatus = cancelled ? "DECLINED" : "ACCEPTED",
                });
            }
        }
        calendar.Events.Add(invite);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Description(Meeting meeting, IReadOnlyList<string> starters)
    {
        var lines = new List<string> { "Introduced by PeerBot.", "" };
        if (meeting.Location.Length > 0)
        {
            lines.Add("Join: " + meeting.Location);
            lines.Add("");
        }
        lines.Add("Conversation starters:");
        lines.AddRange(starters.Select(s => "- " + s));
        return string.Join("\n", lines);
    }

    /// <summary>Outlook on the web's compose page, prefilled (work and school accounts).</summary>
    public static string OutlookLink(Meeting meeting, string subject, string body) =>
        "https://outlook.office.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
        + $"&subject={Uri.EscapeDataString(subject)}"
        + $"&startdt={Uri.EscapeDataString(Iso(meeting.Start!.Value))}&enddt={Uri.EscapeDataString(Iso(meeting.End!.Value))}"
        + $"&body={Uri.EscapeDataString(Clip(body))}"
        + (meeting.Location.Length > 0 ? $"&location={Uri.EscapeDataString(meeting.Location)}" : "");

    /// <summary>Google Calendar's event template, prefilled.</summary>
    public static string GoogleLink(Meeting meeting, string subject, string body) =>
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        + $"&text={Uri.EscapeDataString(subject)}"
        + $"&dates={Compact(meeting.Start!.Value)}/{Compact(meeting.End!.Value)}"
        + $"&details={Uri.EscapeDataString(Clip(body))}"
        + (meeting.Location.Length > 0 ? $"&location={Uri.EscapeDataString(meeting.Location)}" : "");

    /// <summary>
    /// A name as a parameter value (CN): RFC 5545 allows no control characters and no double quote there, and Ical.Net
    /// writes parameters as given, so a line break in a name would end the line and start a property of its own.
    /// </summary>
    public static string Parameter(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Replace("\"", "'", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string? Address(Peer member) =>
        member.Email is { Length: > 0 } email && email.Contains('@', StringComparison.Ordinal) ? "mailto:" + email : null;

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Compact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // Card buttons carry their URL; Slack allows 3,000 characters in a button URL, so the text is kept short.
    private static string Clip(string text) => text.Length > 600 ? text[..600] : text;
}
