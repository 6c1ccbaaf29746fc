using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>View data for the nudge cards (cards/teams/nudge*.json, followUp.json, roleChange.json, channelNudge.json).</summary>
public static class NudgeCards
{
    public const string ResumeVerb = "resumeNudges";
    public const string FollowUpVerb = "answerFollowUp";

    /// <summary>The personal nudge: new peers with intro buttons, and requests waiting for the member.</summary>
    public static CardReply Nudge(Peer member, Cadence cadence, IReadOnlyList<PeerMatch> peers, IReadOnlyList<(Introduction Intro, Peer? Requester)> waiting)
    {
        var requests = waiting.Select(w => (JsonNode?)new JsonObject
        {
            ["intro"] = w.Intro.PairKey,
            ["round"] = w.Intro.Round,
            ["name"] = w.Requester?.Name ?? "A leader",
            ["title"] = w.Requester?.Title ?? "",
            ["organization"] = w.Requester?.Organization ?? "",
            ["note"] = w.Intro.Note,
            ["snoozed"] = w.Intro.SnoozedAt is not null,
        });
        var summary = (peers.Count, waiting.Count) switch
        {
            ( > 0, > 0) => $"{peers.Count} new peers in your role, and {waiting.Count} intro requests waiting for you.",
            ( > 0, _) => $"{peers.Count} new peers in your role this time.",
            _ => $"{waiting.Count} intro requests are waiting for you.",
        };
        return new CardReply("nudge", new JsonObject
        {
            ["name"] = FirstName(member.Name),
            ["cadence"] = Cadences.Label(cadence),
            ["peers"] = PeerMatchView.List(peers),
            ["requests"] = new JsonArray([.. requests]),
            ["hasPeers"] = peers.Count > 0,
            ["hasRequests"] = waiting.Count > 0,
        }, summary);
    }

    public static CardReply RoleChange(Peer member, string role, int holders, IReadOnlyList<PeerMatch> peers) => new("roleChange", new JsonObject
    {
        ["name"] = FirstName(member.Name),
        ["role"] = role,
        ["title"] = member.Title,
        ["count"] = holders,
        ["peers"] = PeerMatchView.List(peers),
        ["hasPeers"] = peers.Count > 0,
    }, $"Congratulations on the new role — {holders} leaders hold it at other organizations.");

    public static CardReply FollowUp(Introduction intro, Peer? other, DateTimeOffset connectedAt, int asked) => new("followUp", new JsonObject
    {
        ["intro"] = intro.PairKey,
        ["round"] = intro.Round,
        ["asked"] = asked,
        ["other"] = new JsonObject
        {
            ["name"] = other?.Name ?? "your peer",
            ["title"] = other?.Title ?? "",
            ["organization"] = other?.Organization ?? "",
        },
        ["connectedOn"] = connectedAt.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        ["again"] = asked > 1,
    }, $"Did you meet {other?.Name ?? "your peer"}?");

    public static CardReply GhostPaused(int ignored) => new("nudgesPaused", new JsonObject
    {
        ["ignored"] = ignored,
    }, $"The last {ignored} intro requests went unanswered, so I've paused your nudges. Resume them any time.");

    public static CardReply Channel(IReadOnlyList<(string Role, int Count)> roles, DateTimeOffset since, string schedule)
    {
        var total = roles.Sum(r => r.Count);
        return new CardReply("channelNudge", new JsonObject
        {
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)new JsonObject { ["role"] = r.Role, ["count"] = r.Count })]),
            ["total"] = total,
            ["hasNew"] = total > 0,
            ["since"] = since.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            ["schedule"] = schedule,
        }, total > 0
            ? $"Who will you reach out to this week? {total} leaders joined since {since:d MMM}: " + string.Join(", ", roles.Select(r => $"{r.Count} {r.Role}"))
            : "Who will you reach out to this week? Find a peer with /findpeer.");
    }

    /// <summary>A short message card (the intro notice template: a title and a line).</summary>
    public static CardReply Notice(string title, string message) => IntroCards.Notice(title, message);

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";
}
