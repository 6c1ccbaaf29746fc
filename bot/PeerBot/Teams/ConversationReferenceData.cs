using System.Text.Json.Nodes;
using PeerBot.Privacy;

namespace PeerBot.Teams;

/// <summary>Where the bot can reach the member proactively.</summary>
public sealed class ConversationReferenceData(ConversationReferenceStore references) : IMemberData
{
    public string Section => "reachability";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var reference = await references.GetAsync(memberId, cancellationToken);
        return reference is null ? null : new JsonObject
        {
            ["channel"] = reference.ChannelId,
            ["conversationId"] = reference.Conversation?.Id,
            ["serviceUrl"] = reference.ServiceUrl,
        };
    }

    public Task ForgetAsync(string memberId, CancellationToken cancellationToken) => references.DeleteAsync(memberId, cancellationToken);
}
