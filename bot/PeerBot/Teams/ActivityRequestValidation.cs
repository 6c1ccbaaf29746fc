using System.Buffers;
using System.Text.Json;

namespace PeerBot.Teams;

/// <summary>
/// Checks an inbound Bot Framework request before the SDK sees it, so that malformed input gets a 4xx
/// with a clear message instead of an empty 400 or an exception.
/// </summary>
public static class ActivityRequestValidation
{
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "message", "conversationUpdate", "invoke", "installationUpdate", "messageReaction", "event", "typing",
        "endOfConversation", "messageUpdate", "messageDelete", "contactRelationUpdate", "deleteUserData",
        "trace", "handoff", "command", "commandResult", "suggestion", "invokeResponse",
    };

    /// <summary>Null when the request may proceed (its body left rewound), else the problem to report.</summary>
    public static async Task<IResult?> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the activity as application/json.");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes + 1);
        // Room for the body as announced (HTTP/1.1 framing holds a body to its Content-Length), and one byte beyond
        // the limit to tell a body over it. Rented: an array of the limit's size lands on the large object heap, and
        // one per turn kept the background GC busy (docs/benchmarks.md).
        var size = (int)Math.Min(request.ContentLength ?? MaxBodyBytes, MaxBodyBytes) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = 0;
            int read;
            while (length < size && (read = await request.Body.ReadAsync(buffer.AsMemory(length, size - length), cancellationToken)) > 0)
            {
                length += read;
            }
            if (length > MaxBodyBytes)
            {
                return TooLarge();
            }
            var problem = Check(buffer.AsMemory(0, length));
            if (problem is not null)
            {
                return problem;
            }
        }
        catch (IOException)
        {
            return TooLarge();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        request.Body.Position = 0;
        return null;
    }

    private static IResult? Check(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            string? problem;
            try
            {
                problem = CheckActivity(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A JSON string holding a lone surrogate or broken UTF-8 is valid JSON but not text.
                problem = "The activity contains text that is not valid Unicode.";
            }
            return problem is null ? null : Problem(StatusCodes.Status400BadRequest, problem);
        }
    }

    private static IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"Activity bodies are limited to {MaxBodyBytes / 1024} KB.");

    private static string? CheckActivity(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The body must be a JSON object (a Bot Framework activity).";
        }
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } typeName)
        {
            return "The activity has no 'type'.";
        }
        if (!KnownTypes.Contains(typeName))
        {
            return $"Unknown activity type '{Truncate(typeName)}'.";
        }
        if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object
            || !conversation.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return "The activity has no 'conversation' with an 'id'.";
        }
        // Ids travel back in reply URLs and headers, where control characters are refused.
        if (id.GetString()!.Any(char.IsControl) || (root.TryGetProperty("id", out var activityId) && activityId.ValueKind == JsonValueKind.String && activityId.GetString()!.Any(char.IsControl)))
        {
            return "Activity and conversation ids must not contain control characters.";
        }
        if (!root.TryGetProperty("serviceUrl", out var serviceUrl) || serviceUrl.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(serviceUrl.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "The activity has no valid 'serviceUrl' (an absolute http or https URL).";
        }
        foreach (var name in new[] { "from", "recipient", "channelData", "value" })
        {
            if (root.TryGetProperty(name, out var part) && part.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null) && name != "value")
            {
                return $"'{name}' must be an object.";
            }
        }
        // The SDK reads Teams' channel data into typed objects and throws on another shape (a turn would end in the apology).
        if (root.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object)
        {
            // (Other parts of it, such as "team", are read by our own code, which tolerates any shape.)
            if (channelData.TryGetProperty("tenant", out var tenant) && tenant.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return "'channelData.tenant' must be an object.";
            }
        }
        if (root.TryGetProperty("text", out var text) && text.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return "'text' must be a string.";
        }
        if (typeName == "message" && (!root.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.Object))
        {
            return "A message activity needs 'from'.";
        }
        return null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: "The activity was not accepted.");
}
