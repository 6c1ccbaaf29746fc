using System.Text.Json.Nodes;
using PeerBot.Conversations;

namespace PeerBot.Profiles;

/// <summary>View data for the profile cards (cards/teams/profile*.json and their Slack twins).</summary>
public static class ProfileCards
{
    public static CardReply Welcome(string? name, int networkSize) => new("welcome", new JsonObject
    {
        ["name"] = FirstName(name),
        ["networkSize"] = networkSize,
    }, "Welcome to PeerBot: meet leaders with your role at other organizations.");

    public static CardReply Form(ProfileForm form, string organizationHint, IReadOnlyList<string> errors) => new("profileForm", new JsonObject
    {
        ["name"] = form.Name,
        ["title"] = form.Title,
        ["organization"] = form.Organization,
        // The number input can only show a number; a bad entry is named in the errors instead.
        ["headcount"] = int.TryParse(form.Headcount, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? form.Headcount : "",
        ["industry"] = form.Industry,
        ["timeZone"] = form.TimeZone,
        ["topics"] = form.Topics,
        ["discoverable"] = form.Discoverable,
        ["preferredContact"] = form.PreferredContact,
        ["meetingMinutes"] = form.MeetingMinutesValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Peer.DefaultMeetingMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["meetingLink"] = form.MeetingLink,
        ["organizationHint"] = organizationHint,
        ["errors"] = new JsonArray(errors.Select(e => (JsonNode?)e).ToArray()),
        ["industries"] = Choices(WithCurrent(Industries.Offered, form.Industry)),
        ["timeZones"] = Choices(WithCurrent(TimeZones.Offered, form.TimeZone)),
    }, errors.Count > 0 ? "Please check your profile: " + string.Join(" ", errors) : "Tell PeerBot about your role.");

    public static CardReply Show(Peer peer) => new("profile", new JsonObject
    {
        ["name"] = peer.Name,
        ["title"] = peer.Title,
        ["organization"] = peer.Organization,
        ["band"] = peer.Band.Label,
        ["industry"] = peer.Industry,
        ["timeZone"] = peer.TimeZone,
        ["topics"] = new JsonArray(peer.Topics.Select(t => (JsonNode?)t).ToArray()),
        ["discoverable"] = peer.Discoverable,
        ["preferredContact"] = peer.PreferredContact,
        ["meetingMinutes"] = peer.MeetingMinutes,
        ["meetingLink"] = peer.MeetingLink,
        ["email"] = peer.Email ?? "",
    }, $"Your profile: {peer.Title}, {peer.Organization}.");

    private static string FirstName(string? name) =>
        string.IsNullOrWhiteSpace(ProfileForm.Clean(name ?? "")) ? "" : ProfileForm.Clean(name!).Split(' ')[0];

    private static IEnumerable<string> WithCurrent(IReadOnlyList<string> offered, string current) =>
        current.Length == 0 || offered.Contains(current) ? offered : offered.Prepend(current);

    private static JsonArray Choices(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)new JsonObject { ["title"] = v.Replace('_', ' '), ["value"] = v }).ToArray());
}
