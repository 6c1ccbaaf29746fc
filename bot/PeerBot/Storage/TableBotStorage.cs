using Azure;
using Azure.Data.Tables;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace PeerBot.Storage;

/// <summary>
/// The Bot Framework's <see cref="IStorage"/> (conversation and user state) over one table of JSON documents.
/// Follows the SDK's own stores: type names travel with the JSON so state comes back as the types it was
/// saved as; an <see cref="IStoreItem"/> with an ETag is written only over the version it was read as, and
/// anything else is last-write-wins.
/// </summary>
public sealed class TableBotStorage(TableServiceClient service, TableNames names) : IStorage
{
    // Type names, as the SDK's stores use, bring state back typed. Only this app writes the table. Date
    // parsing stays at its default because SDK dialogs cast dates in untyped state back to DateTime.
    private static readonly JsonSerializerSettings Json = new() { TypeNameHandling = TypeNameHandling.All, MaxDepth = null };
    private static readonly JsonSerializerSettings JsonAsciiOnly = new()
    {
        TypeNameHandling = TypeNameHandling.All,
        MaxDepth = null,
        StringEscapeHandling = StringEscapeHandling.EscapeNonAscii,
    };

    private readonly TableDocuments _documents = new(service.GetTableClient(names.BotState));

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var reads = keys.Distinct(StringComparer.Ordinal)
            .Select(async key => (key, document: await _documents.ReadAsync(key, cancellationToken)));
        var found = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var (key, document) in await Task.WhenAll(reads))
        {
            if (document is not null && Deserialize(document) is { } value)
            {
                found[key] = value;
            }
        }
        return found;
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return Task.WhenAll(changes.Select(change => WriteOneAsync(change.Key, change.Value, cancellationToken)));
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(key => _documents.DeleteAsync(key, cancellationToken: cancellationToken)));
    }

    private async Task WriteOneAsync(string key, object? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            // The SDK's memory store reads a null back as absent.
            await _documents.DeleteAsync(key, cancellationToken: cancellationToken);
            return;
        }
        var etag = (value as IStoreItem)?.ETag;
        var expected = string.IsNullOrEmpty(etag) || etag == "*" ? ETag.All : new ETag(etag);
        await _documents.WriteAsync(key, Serialize(value), expected, cancellationToken);
    }

    private static string Serialize(object value)
    {
        var json = JsonConvert.SerializeObject(value, Json);
        // Rare: an unpaired surrogate cannot be sent raw. Escaped, it reads back as U+FFFD (as with the SDK's
        // blob store) instead of failing the whole turn.
        return DocumentRow.FirstLoneSurrogate(json) < 0 ? json : JsonConvert.SerializeObject(value, JsonAsciiOnly);
    }

    private static object? Deserialize(StoredDocument document)
    {
        var value = JsonConvert.DeserializeObject(document.Json, Json);
        if (value is IStoreItem item)
        {
            item.ETag = document.ETag.ToString();
        }
        return value;
    }
}
