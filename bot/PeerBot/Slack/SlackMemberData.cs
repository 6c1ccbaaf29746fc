using System.Text.Json.Nodes;
using PeerBot.Privacy;

namespace PeerBot.Slack;

/// <summary>
/// The Slack layer keeps nothing durable about a member: what users.info said is held in memory for a few
/// minutes only, and dropped at once when the member asks to be forgotten.
/// </summary>
public sealed class SlackMemberData(SlackMembers members) : IMemberData
{
    public string Section => "slack";

    public Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult<JsonNode?>(null);

    public Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        members.Forget(memberId);
        return Task.CompletedTask;
    }
}
