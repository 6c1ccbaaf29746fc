using System.Text.Json.Nodes;

namespace PeerBot.Matching;

/// <summary>
/// A matched peer as card view data. Results, nudges and role-change cards all list peers, and their templates
/// (Teams and Slack alike) read the same fields.
/// </summary>
public static class PeerMatchView
{
    public static JsonArray List(IEnumerable<PeerMatch> matches) => new([.. matches.Select(m => (JsonNode?)Of(m))]);

    public static JsonObject Of(PeerMatch match) => new()
    {
        ["id"] = match.Peer.Id,
        ["name"] = match.Peer.Name,
        ["title"] = match.Peer.Title,
        ["organization"] = match.Peer.Organization,
        ["band"] = match.Peer.Band.Label,
        ["industry"] = match.Peer.Industry,
        ["sharedTopics"] = new JsonArray([.. match.SharedTopics.Select(t => (JsonNode?)t)]),
        ["reason"] = match.Reason,
    };
}
