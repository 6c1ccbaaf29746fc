using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>
/// The latest conversation reference per member (from install and from every message), so the bot
/// can message them later with ContinueConversationAsync. Channel conversations are kept too (under
/// <see cref="ChannelKey"/>), for channel posts. A reference the channel refused for good is marked
/// unreachable; the member's next message replaces the row and so clears the mark.
/// </summary>
public sealed class ConversationReferenceStore(TableServiceClient service, TableNames names)
{
    private readonly TableClient _table = service.GetTableClient(names.ConversationReferences);

    /// <summary>
    /// The key a channel conversation's reference is kept under: by platform and tenant as well as conversation
    /// id, so that a turn in one tenant can never replace (or be posted through) another tenant's reference.
    /// </summary>
    public static string ChannelKey(string channelId, string? tenantId, string conversationId) =>
        $"conversation:{channelId}:{Uri.EscapeDataString(tenantId ?? "")}:{ChannelOf(conversationId)}";

    /// <summary>The key used before references were kept per tenant; read only when its reference names the same tenant.</summary>
    public static string UnscopedChannelKey(string conversationId) => "conversation:" + ChannelOf(conversationId);

    /// <summary>A Teams channel conversation id without the thread part (";messageid=…").</summary>
    public static string ChannelOf(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    private const int MaxReferenceChars = 32_000;

    public async Task SaveAsync(string memberId, ConversationReference reference, CancellationToken cancellationToken)
    {
        var json = JsonConvert.SerializeObject(reference);
        if (json.Length > MaxReferenceChars)
        {
            // Reaching the member needs ids, not names; an outsized name must not fail the turn (a property holds 32K characters).
            reference.User = reference.User is null ? null : new ChannelAccount(reference.User.Id, null, reference.User.Role, reference.User.AadObjectId);
            reference.Bot = reference.Bot is null ? null : new ChannelAccount(reference.Bot.Id, null, reference.Bot.Role);
            if (reference.Conversation is not null)
            {
                reference.Conversation.Name = null;
            }
            json = JsonConvert.SerializeObject(reference);
            if (json.Length > MaxReferenceChars)
            {
                return;
            }
        }
        var entity = new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId))
        {
            ["MemberId"] = memberId,
            ["Reference"] = json,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ConversationReference?> GetAsync(string memberId, CancellationToken cancellationToken) =>
        (await ReadAsync(memberId, cancellationToken)).Reference;

    /// <summary>The reference, or null when there is none or it is marked unreachable.</summary>
    public async Task<ConversationReference?> GetReachableAsync(string memberId, CancellationToken cancellationToken)
    {
        var (reference, unreachable) = await ReadAsync(memberId, cancellationToken);
        return unreachable ? null : reference;
    }

    public async Task MarkUnreachableAsync(string memberId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId)) { ["Unreachable"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No reference (erased meanwhile): nothing to mark.
        }
    }

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken);

    private async Task<(ConversationReference? Reference, bool Unreachable)> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        return row.HasValue
            ? (JsonConvert.DeserializeObject<ConversationReference>(row.Value!.GetString("Reference") ?? "null"), row.Value.GetBoolean("Unreachable") ?? false)
            : (null, false);
    }
}
