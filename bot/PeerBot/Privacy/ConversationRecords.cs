using System.Text.Json.Nodes;
using PeerBot.Conversations;

namespace PeerBot.Privacy;

/// <summary>
/// What the conversation layer keeps per member: undelivered messages and handled turns. Conversations sits below
/// every feature, Privacy included, so Privacy covers its rows here instead of Conversations implementing
/// <see cref="IMemberData"/>.
/// </summary>
public sealed class ConversationRecords(TurnLedger turns, Outbox outbox) : IMemberData
{
    public string Section => "conversations";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken) => new JsonObject
    {
        ["messagesWaitingForYou"] = new JsonArray([.. await outbox.ExportAsync(memberId, cancellationToken)]),
    };

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        await outbox.ForgetAsync(memberId, cancellationToken);
        await turns.ForgetMemberAsync(memberId, cancellationToken);
        await outbox.WithdrawAboutAsync(memberId, cancellationToken);
    }
}
