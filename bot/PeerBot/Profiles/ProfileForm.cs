using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PeerBot.Profiles;

/// <summary>What the member typed into the profile form, before it is trusted.</summary>
public sealed partial record ProfileForm(string Name, string Title, string Organization, string Headcount, string Industry, string TimeZone, string Topics, bool Discoverable)
{
    public const int MaxText = 100;
    public const int MaxTopics = 10;
    public const int MaxTopicLength = 40;
    public const int MaxPreferredContact = 200;

    /// <summary>How the member likes to be reached once both accepted: a phone number, a booking link (optional).</summary>
    public string PreferredContact { get; init; } = "";

    /// <summary>The length of meetings the member asks for ("30" or "45"; empty keeps the default).</summary>
    public string MeetingMinutes { get; init; } = "";

    /// <summary>A personal meeting link for meetings the member organizes (optional).</summary>
    public string MeetingLink { get; init; } = "";

    public const int MaxMeetingLink = 300;

    public static ProfileForm FromSubmission(JsonObject value) => new(
        Text(value, "name"), Text(value, "title"), Text(value, "organization"), Text(value, "headcount"),
        Text(value, "industry"), Text(value, "timeZone"), Text(value, "topics"),
        Text(value, "discoverable") is "true" or "True")
    {
        PreferredContact = Text(value, "preferredContact"),
        MeetingMinutes = Text(value, "meetingMinutes"),
        MeetingLink = Text(value, "meetingLink"),
    };

    public static ProfileForm FromPeer(Peer peer) => new(
        peer.Name, peer.Title, peer.Organization, peer.Headcount.ToString(CultureInfo.InvariantCulture),
        peer.Industry, peer.TimeZone, string.Join("; ", peer.Topics), peer.Discoverable)
    {
        // While the member's tenant has removed PeerBot the listing is off; the form shows their own choice.
        Discoverable = peer.WithheldSince is null ? peer.Discoverable : peer.DiscoverableOnReturn,
        PreferredContact = peer.PreferredContact,
        MeetingMinutes = peer.MeetingMinutes.ToString(CultureInfo.InvariantCulture),
        MeetingLink = peer.MeetingLink,
    };

    /// <summary>The first https link in the preferred contact (a booking page), which cards offer as a button.</summary>
    public static string? LinkOf(string preferredContact)
    {
        foreach (Match match in Links().Matches(preferredContact))
        {
            if (Uri.TryCreate(match.Value.TrimEnd('.', ',', ';', ')'), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal))
            {
                return uri.AbsoluteUri;
            }
        }
        return null;
    }

    /// <summary>Checks every field; an empty list means the form can be saved.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Require(errors, Name, "Name");
        Require(errors, Title, "Job title");
        Require(errors, Organization, "Organization");
        if (!int.TryParse(Headcount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var headcount) || headcount < 1 || headcount > 10_000_000)
        {
            errors.Add("Organization headcount must be a whole number between 1 and 10,000,000.");
        }
        if (Industry.Length > 60)
        {
            errors.Add("Industry must be at most 60 characters.");
        }
        if (!TimeZones.IsKnown(TimeZone))
        {
            errors.Add("Pick a time zone from the list.");
        }
        var topics = TopicList();
        if (topics.Count > MaxTopics)
        {
            errors.Add($"Up to {MaxTopics} topics, please.");
        }
        if (topics.Any(t => t.Length > MaxTopicLength))
        {
            errors.Add($"Each topic must be at most {MaxTopicLength} characters.");
        }
        if (PreferredContact.Length > MaxPreferredContact)
        {
            errors.Add($"Preferred contact must be at most {MaxPreferredContact} characters.");
        }
        else if (Schemes().Matches(PreferredContact).Any(m => !m.Groups[1].Value.Equals("https", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("Links in your preferred contact must start with https://.");
        }
        if (MeetingMinutes.Length > 0 && MeetingMinutesValue is null)
        {
            errors.Add("Meetings are 30 or 45 minutes.");
        }
        if (MeetingLink.Length > 0 && !IsMeetingLink(MeetingLink))
        {
            errors.Add($"Your meeting link must be one https:// address of at most {MaxMeetingLink} characters, such as your Teams, Zoom or Meet link.");
        }
        return errors;
    }

    /// <summary>The chosen meeting length, or null when none (or none allowed) was chosen.</summary>
    public int? MeetingMinutesValue =>
        int.TryParse(MeetingMinutes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && Peer.MeetingLengths.Contains(minutes) ? minutes : null;

    /// <summary>
    /// An https address with a host and nothing that could break out of an invite's LOCATION or a card's link
    /// (spaces, quotes, angle brackets).
    /// </summary>
    public static bool IsMeetingLink(string text) =>
        text.Length <= MaxMeetingLink && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal)
        && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '|' or '"' or '`');

    public IReadOnlyList<string> TopicList() => Topics
        .Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(Clean)
        .Where(t => t.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    public int HeadcountValue => int.Parse(Headcount, NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"https://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.\-]*)://")]
    private static partial Regex Schemes();

    private static void Require(List<string> errors, string value, string label)
    {
        if (value.Length == 0)
        {
            errors.Add($"{label} is required.");
        }
        else if (value.Length > MaxText)
        {
            errors.Add($"{label} must be at most {MaxText} characters.");
        }
    }

    private static string Text(JsonObject value, string key)
    {
        var node = value[key];
        var raw = node is JsonValue v ? v.ToString() : "";
        return Clean(raw);
    }

    /// <summary>Drops control characters, unpaired surrogates and non-characters, and collapses whitespace: names and titles are shown on cards.</summary>
    public static string Clean(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                sb.Append(c).Append(raw[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                // Half a surrogate pair, or a non-character: not text, and Unicode normalisation refuses it.
            }
            else if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }
}
