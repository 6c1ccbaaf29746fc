using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PeerBot.Nudges.Pacing;

/// <summary>
/// Sits on the HttpClient the Bot Framework connector uses: every request waits for room under the tenant's
/// rate (and, for messages, the conversation's), and 429/412/502/504 answers are retried with backoff,
/// honouring Retry-After. Other answers, 403 included, go back to the caller unchanged.
/// </summary>
public sealed partial class ConnectorPacing(OutboundPacer pacer, IOptions<NudgeOptions> options, ILogger<ConnectorPacing> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value.Pacing;
        var clock = pacer.Clock;
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var buckets = Buckets(request, body, settings.TenantPerSecond);
        var started = clock.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var attemptRequest = attempt == 0 ? request : Copy(request, body);
            HttpResponseMessage response;
            using (await pacer.EnterAsync(buckets, cancellationToken))
            {
                response = await base.SendAsync(attemptRequest, cancellationToken);
            }
            if (!RetryRules.IsRetryable(response.StatusCode) || attempt + 1 >= settings.MaxAttempts)
            {
                return response;
            }
            var delay = RetryRules.Delay(attempt, response.Headers.RetryAfter, clock.GetUtcNow(), settings, Random.Shared);
            if (clock.GetElapsedTime(started) + delay > settings.MaxRetryDuration)
            {
                return response;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The whole tenant was throttled, not just this request: everyone waits.
                pacer.Pause(buckets[0].Key, delay);
            }
            LogRetry(logger, (int)response.StatusCode, attempt + 1, (int)delay.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    /// <summary>The tenant bucket first, then the conversation's when the request posts or updates a message.</summary>
    public IReadOnlyList<PaceBucket> Buckets(HttpRequestMessage request, byte[]? body, int tenantPerSecond)
    {
        var tenant = TenantOf(body) ?? request.RequestUri?.Host ?? "unknown";
        var buckets = new List<PaceBucket> { pacer.Tenant(tenant, tenantPerSecond) };
        if (ConversationOf(request) is { } conversation && request.Method != HttpMethod.Get)
        {
            buckets.Add(new PaceBucket("conversation:" + conversation, PaceRules.TeamsConversation));
        }
        return buckets;
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

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (body is not null && request.Content is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        return copy;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector answered {Status}; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, int delayMs);
}
