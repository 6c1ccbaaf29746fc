using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Slack;

/// <summary>
/// An acknowledged Slack request, as it waits in the backlog: the parsed request, when it was acknowledged, and the
/// W3C trace context of the request that acknowledged it (so a trace can follow the work across the backlog).
/// </summary>
public sealed record SlackWork
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Text stays as typed (escaping all of it could grow a 500 KB request several times over); a button value
        // nested as deep as Slack's parser allows still fits inside the envelope.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 256,
    };

    public required SlackInbound Inbound { get; init; }

    public DateTimeOffset AcknowledgedAt { get; init; }

    /// <summary><c>traceparent</c> of the acknowledging request (<c>Activity.Current.Id</c>), when there was one.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Gzipped UTF-8 JSON: a request's text is often long and repetitive, and a table row holds 1 MiB.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, this, Json);
        }
        return buffer.ToArray();
    }

    /// <summary>The work in <paramref name="bytes"/>, or null when it is not work this version can read.</summary>
    public static SlackWork? FromBytes(byte[] bytes)
    {
        try
        {
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<SlackWork>(zip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return null;
        }
    }
}
