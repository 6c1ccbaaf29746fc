using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Meetings;

/// <summary>
/// One row per connected pair (partition: the pair key's first two hex digits), written only with its ETag, so two
/// picks at the same moment make one booking: the second writer reads the first's picks and decides again.
/// </summary>
public sealed class MeetingStore(TableServiceClient service, TableNames names)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly TableClient _table = service.GetTableClient(names.Meetings);

    public async Task<(Meeting Meeting, ETag ETag)?> GetAsync(string pairKey, CancellationToken cancellationToken)
    {
        // Keys come back from card buttons: anything not shaped like a pair key names no meeting.
        if (pairKey.Length != 32 || !pairKey.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(pairKey[..2], pairKey, cancellationToken: cancellationToken);
        return row.HasValue && JsonSerializer.Deserialize<Meeting>(row.Value!.GetString("Meeting") ?? "null", Json) is { } meeting
            ? (meeting, row.Value.ETag)
            : null;
    }

    /// <summary>Writes the pair's row; null ETag means it must not exist yet. Throws <see cref="ConcurrentEditException"/> when another write won.</summary>
    public async Task<ETag> SaveAsync(Meeting meeting, ETag? expected, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(meeting.PairKey[..2], meeting.PairKey)
        {
            ["Meeting"] = JsonSerializer.Serialize(meeting, Json),
            ["State"] = meeting.State.ToString(),
            ["Start"] = meeting.Start,
        };
        try
        {
            var response = expected is { } etag
                ? await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : await _table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrentEditException("The meeting changed in the meantime.", e);
        }
    }

    public async Task DeleteAsync(string pairKey, CancellationToken cancellationToken)
    {
        if (pairKey.Length == 32)
        {
            await _table.DeleteEntityAsync(pairKey[..2], pairKey, ETag.All, cancellationToken);
        }
    }
}
