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
        // The SDK sends activities as string content, which can be read again for the real send.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var tenant = TenantOf(body) ?? request.RequestUri?.Host ?? "unknown";
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

    /// <summary>The tenant an activity is for: conversation.tenantId, else channelData.tenant.id.</summary>
    public static string? TenantOf(byte[]? body)
    {
        if (body is not { Length: > 0 })
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("conversation", out var conversation) && conversation.ValueKind == JsonValueKind.Object
                && conversation.TryGetProperty("tenantId", out var id) && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString();
            }
            if (root.TryGetProperty("channelData", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
                && tenant.TryGetProperty("id", out var tenantId) && tenantId.ValueKind == JsonValueKind.String)
            {
                return tenantId.GetString();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
