using System.Buffers;
using System.Text.Json;
using PeerBot.Outbound;

namespace PeerBot.Teams;

/// <summary>
/// What a Bot Framework connector request counts against: its tenant's budget (about 50 requests a second for the
/// whole bot, shared among the live instances), and, when it posts or updates a message, its conversation's
/// (7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour). The tenant comes first: it is the one usually full.
/// </summary>
public static class ConnectorBudgets
{
    /// <summary>Teams, per bot and conversation: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour.</summary>
    public static readonly IReadOnlyList<PaceRule> ConversationRules =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    public static async ValueTask<IReadOnlyList<PaceBudget>> ForAsync(HttpRequestMessage request, int tenantPerSecond, CancellationToken cancellationToken)
    {
        var tenant = await TenantOfAsync(request.Content, cancellationToken) ?? request.RequestUri?.Host ?? "unknown";
        var tenantBudget = new PaceBudget("teams-tenant:" + tenant, [new PaceRule(tenantPerSecond, TimeSpan.FromSeconds(1))], SharedAcrossInstances: true);
        return ConversationOf(request) is { } conversation && request.Method != HttpMethod.Get
            ? [tenantBudget, new PaceBudget("teams-conversation:" + conversation, ConversationRules)]
            : [tenantBudget];
    }

    /// <summary>"/v3/conversations/{id}/activities[/...]" → id.</summary>
    public static string? ConversationOf(HttpRequestMessage request)
    {
        var segments = request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.IndexOf(segments, "conversations");
        return at >= 0 && at + 2 < segments.Length && segments[at + 2] == "activities" ? Uri.UnescapeDataString(segments[at + 1]) : null;
    }

    /// <summary>
    /// The tenant of the activity a request sends. The SDK sends activities as string content, which can be read again
    /// for the real send; it is read into a rented buffer, since a card reply runs to tens of kilobytes.
    /// </summary>
    private static async ValueTask<string?> TenantOfAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }
        if (content.Headers.ContentLength is not { } length || length is <= 0 or > int.MaxValue / 2)
        {
            return TenantOf(await content.ReadAsByteArrayAsync(cancellationToken));
        }
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            // Copied out (not read through ReadAsStreamAsync, whose stream the content keeps and hands out again).
            using var copy = new MemoryStream(buffer, 0, (int)length, writable: true);
            await content.CopyToAsync(copy, cancellationToken);
            return TenantOf(buffer.AsSpan(0, (int)copy.Position));
        }
        catch (NotSupportedException)
        {
            // Longer than it said: read it whole.
            return TenantOf(await content.ReadAsByteArrayAsync(cancellationToken));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The tenant an activity is for: conversation.tenantId, else channelData.tenant.id. Reads the top level only as
    /// far as it must: the conversation comes before the attachments in what the SDK writes.
    /// </summary>
    public static string? TenantOf(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            string? fromChannelData = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("conversation"u8))
                {
                    if (StringAt(ref reader, "tenantId"u8) is { } tenantId)
                    {
                        return tenantId;
                    }
                }
                else if (reader.ValueTextEquals("channelData"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("tenant"u8))
                        {
                            fromChannelData = StringAt(ref reader, "id"u8) ?? fromChannelData;
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            return fromChannelData;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>With the reader on a property name: that property's object's string <paramref name="name"/>, the reader left at its end.</summary>
    private static string? StringAt(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.String)
            {
                found = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return found;
    }
}
