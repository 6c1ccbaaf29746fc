using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Tests.Slack;

/// <summary>Requests shaped as Slack sends them, signed as Slack signs them.</summary>
public static class SlackRequests
{
    public const string Team = "T0PEERS";
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    /// <summary>A slash command form, e.g. <c>/findpeer</c> with text <c>VP marketing</c>.</summary>
    public static string Command(string user, string command, string text, string channel, Uri responseUrl, string? triggerId = null, string team = Team) =>
        Form(new Dictionary<string, string>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = team,
            ["team_domain"] = "leaders",
            ["channel_id"] = channel,
            ["channel_name"] = channel.StartsWith('D') ? "directmessage" : "general",
            ["user_id"] = user,
            ["user_name"] = user.ToLowerInvariant(),
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A0PEERBOT",
            ["is_enterprise_install"] = "false",
            ["response_url"] = responseUrl.ToString(),
            ["trigger_id"] = triggerId ?? NewTrigger(),
        });

    /// <summary>An Events API envelope around one event.</summary>
    public static JsonObject Event(JsonObject inner, string? eventId = null, DateTimeOffset? at = null, string team = Team) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = team,
        ["api_app_id"] = "A0PEERBOT",
        ["event"] = inner,
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = "UBOT", ["is_bot"] = true, ["is_enterprise_install"] = false }),
    };

    public static JsonObject DirectMessage(string user, string text) => new()
    {
        ["type"] = "message",
        ["channel"] = SlackStub.DirectMessage(user),
        ["channel_type"] = "im",
        ["user"] = user,
        ["text"] = text,
        ["ts"] = "1700000000.000001",
    };

    /// <summary>A button press on a message, carrying the button's value as Slack does.</summary>
    public static JsonObject BlockAction(string user, string channel, string messageTs, string actionId, JsonObject value, Uri responseUrl, bool ephemeral = false, string? triggerId = null, string team = Team) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = team },
        ["api_app_id"] = "A0PEERBOT",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
        ["trigger_id"] = triggerId ?? NewTrigger(),
        ["team"] = new JsonObject { ["id"] = team, ["domain"] = "leaders" },
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "directmessage" },
        ["message"] = new JsonObject { ["ts"] = messageTs, ["type"] = "message" },
        ["response_url"] = responseUrl.ToString(),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = "b1",
            ["type"] = "button",
            ["value"] = value.ToJsonString(),
            ["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        }),
    };

    /// <summary>A modal's submission, its inputs in Slack's state shape (block → action → input).</summary>
    public static JsonObject ViewSubmission(string user, string callbackId, JsonObject values, string privateMetadata, string team = Team) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = team, ["domain"] = "leaders" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = team },
        ["api_app_id"] = "A0PEERBOT",
        ["trigger_id"] = NewTrigger(),
        ["view"] = new JsonObject
        {
            ["id"] = "V" + Guid.NewGuid().ToString("N")[..8],
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = privateMetadata,
            ["hash"] = Guid.NewGuid().ToString("N"),
            ["state"] = new JsonObject { ["values"] = values },
        },
        ["response_urls"] = new JsonArray(),
    };

    /// <summary>A text field as a modal's state reports it.</summary>
    public static JsonObject TextInput(string value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    /// <summary>Modal state with one typed field whose block and action are both named <paramref name="field"/>.</summary>
    public static JsonObject Typed(string field, string value) => new() { [field] = new JsonObject { [field] = TextInput(value) } };

    public static string Interaction(JsonObject payload) => Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() });

    public static string NewTrigger() => "1337." + Guid.NewGuid().ToString("N")[..12];

    public static string Form(IDictionary<string, string> fields) =>
        string.Join('&', fields.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>Slack's signature for a body at a timestamp (Unix seconds).</summary>
    public static string Sign(string body, long timestamp, string secret = SigningSecret)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:{body}"));
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>A signed POST as Slack sends it, to /slack/commands, /slack/events or /slack/interactions.</summary>
    public static HttpRequestMessage SignedPost(string path, string body, DateTimeOffset? at = null, string? signature = null, int? retry = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var json = path.EndsWith("events", StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, json ? "application/json" : "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(body, timestamp));
        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return request;
    }
}
