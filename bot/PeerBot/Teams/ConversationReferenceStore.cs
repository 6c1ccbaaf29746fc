using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Caching.Memory;
using Newtonsoft.Json;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>
/// The latest conversation reference per member (from install and from every message), so the bot
/// can message them later with ContinueConversationAsync. Channel conversations are kept too (under
/// <see cref="ChannelKey"/>), for channel posts. A reference the channel refused for good is marked
/// unreachable; the member's next message replaces the row and so clears the mark.
/// Every message brings a reference, which rarely changes: it is written only when it differs from the last one this
/// instance stored or read for the member (compared in memory, without the activity id, which changes every turn).
/// What is remembered expires after <see cref="Rewritten"/>, so a mark set by another instance is cleared by the
/// member's messages within that time.
/// </summary>
public sealed class ConversationReferenceStore(TableServiceClient service, TableNames names) : IDisposable
{
    /// <summary>How long a stored reference is trusted to be the row's content before a message writes it again.</summary>
    public static readonly TimeSpan Rewritten = TimeSpan.FromMinutes(30);

    private readonly TableClient _table = service.GetTableClient(names.ConversationReferences);
    private readonly MemoryCache _stored = new(new MemoryCacheOptions { SizeLimit = 200_000 });

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
        var fingerprint = Fingerprint(reference);
        if (_stored.TryGetValue(memberId, out Stored? last) && last!.Fingerprint == fingerprint)
        {
            return;
        }
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
        Remember(memberId, new Stored(fingerprint, reference, Unreachable: false));
    }

    /// <summary>What reaching the member depends on, and what the row shows; the activity id is left out.</summary>
    private static string Fingerprint(ConversationReference r) => string.Join('\u001f',
        r.ChannelId, r.ServiceUrl, r.Locale, r.Conversation?.Id, r.Conversation?.TenantId, r.Conversation?.ConversationType, r.Conversation?.Name,
        r.User?.Id, r.User?.Name, r.User?.AadObjectId, r.User?.Role, r.Bot?.Id, r.Bot?.Name, r.Bot?.Role);

    public void Dispose() => _stored.Dispose();

    private void Remember(string memberId, Stored stored) =>
        _stored.Set(memberId, stored, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Rewritten });

    /// <summary>What this instance last wrote or read for the member.</summary>
    private sealed record Stored(string? Fingerprint, ConversationReference? Reference, bool Unreachable);

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
        // The member's next message must replace the row, and so clear the mark.
        _stored.Remove(memberId);
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId)) { ["Unreachable"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No reference (erased meanwhile): nothing to mark.
        }
    }

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken)
    {
        _stored.Remove(memberId);
        return _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken);
    }

    /// <summary>From memory when this instance wrote or read the row lately; a read is remembered, a missing row is not.</summary>
    private async Task<(ConversationReference? Reference, bool Unreachable)> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        if (_stored.TryGetValue(memberId, out Stored? known) && known!.Reference is not null)
        {
            return (known.Reference, known.Unreachable);
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return (null, false);
        }
        var reference = JsonConvert.DeserializeObject<ConversationReference>(row.Value!.GetString("Reference") ?? "null");
        var unreachable = row.Value.GetBoolean("Unreachable") ?? false;
        if (reference is not null)
        {
            // No fingerprint: the member's next message writes its reference once, which also clears a mark.
            Remember(memberId, new Stored(null, reference, unreachable));
        }
        return (reference, unreachable);
    }
}
