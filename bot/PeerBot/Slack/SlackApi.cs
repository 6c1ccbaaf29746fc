using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Outbound;

namespace PeerBot.Slack;

/// <summary>
/// The Slack Web API methods PeerBot uses, typed. Write methods go as JSON with the bot token; users.info and
/// oauth.v2.access as form posts. Slack's <c>ok:false</c> becomes a <see cref="SlackApiException"/>. Retries
/// (Retry-After on 429, jittered back-off on 5xx and lost connections) and the one-message-a-second pace of
/// chat.postMessage per channel belong to the outbound pipeline the named client goes through (<see cref="SlackSetup"/>).
/// </summary>
public sealed class SlackApi(IHttpClientFactory clients, IOptions<SlackOptions> options)
{
    public const string HttpClientName = "slack";

    private static readonly string[] AdminFlags = ["is_admin", "is_owner", "is_primary_owner"];

    public async Task<string> PostMessageAsync(string token, string channel, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson();
        body["channel"] = channel;
        var result = await CallAsync("chat.postMessage", token, body, ChannelPace(channel), cancellationToken);
        return result["ts"]?.GetValue<string>() ?? "";
    }

    public async Task<string> PostEphemeralAsync(string token, string channel, string user, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson();
        body["channel"] = channel;
        body["user"] = user;
        // Ephemeral messages are not channel messages: Slack's per-channel pace does not apply to them.
        var result = await CallAsync("chat.postEphemeral", token, body, null, cancellationToken);
        return result["message_ts"]?.GetValue<string>() ?? "";
    }

    public async Task UpdateAsync(string token, string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = message.ToJson();
        body["channel"] = channel;
        body["ts"] = ts;
        // Without blocks, chat.update would keep the old ones under the new text.
        body["blocks"] ??= new JsonArray();
        await CallAsync("chat.update", token, body, null, cancellationToken);
    }

    public async Task<string> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var result = await CallAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, null, cancellationToken);
        return result["view"]?["id"]?.GetValue<string>() ?? "";
    }

    /// <summary>The member's direct-message channel with the bot (conversations.open is idempotent).</summary>
    public async Task<string> OpenDirectMessageAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var result = await CallAsync("conversations.open", token, new JsonObject { ["users"] = userId }, null, cancellationToken);
        return result["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_response");
    }

    public async Task<SlackUser> GetUserAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("users.info", new Dictionary<string, string> { ["user"] = userId }, Bearer(token), cancellationToken);
        var user = result["user"];
        var profile = user?["profile"];
        var name = Text(profile?["real_name"]) ?? Text(user?["real_name"]) ?? Text(profile?["display_name"]) ?? Text(user?["name"]);
        return new SlackUser(userId, name, Text(profile?["email"]), Text(user?["tz"]))
        {
            IsAdmin = AdminFlags.Any(flag => user?[flag] is JsonValue v && v.TryGetValue<bool>(out var set) && set),
        };
    }

    /// <summary>Exchanges an OAuth code for the workspace's bot token (the raw oauth.v2.access answer).</summary>
    public Task<JsonObject> ExchangeCodeAsync(string clientId, string clientSecret, string code, Uri redirectUri, CancellationToken cancellationToken)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}"));
        var form = new Dictionary<string, string> { ["code"] = code, ["redirect_uri"] = redirectUri.ToString() };
        return CallFormAsync("oauth.v2.access", form, new AuthenticationHeaderValue("Basic", basic), cancellationToken);
    }

    /// <summary>Posts to a command's or action's <c>response_url</c> (no token needed; it answers "ok").</summary>
    /// <remarks>
    /// Not paced: Slack's one-message-a-second rule is chat.postMessage's, per channel. A response_url answers one
    /// member (it works 5 times in 30 minutes), and a burst of those only meets Slack's 429, which is honoured.
    /// </remarks>
    public Task RespondAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync("response_url", Json(responseUrl, body, null), plainOk: true, cancellationToken);

    private Task<JsonObject> CallAsync(string method, string token, JsonObject body, PaceBudget? pace, CancellationToken cancellationToken)
    {
        var request = Json(new Uri(method, UriKind.Relative), body, Bearer(token));
        if (pace is not null)
        {
            request.Options.Set(PacedHandler.Budgets, [pace]);
        }
        return SendAsync(method, request, plainOk: false, cancellationToken);
    }

    private Task<JsonObject> CallFormAsync(string method, Dictionary<string, string> form, AuthenticationHeaderValue authorization, CancellationToken cancellationToken) =>
        SendAsync(method, new HttpRequestMessage(HttpMethod.Post, new Uri(method, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = authorization },
        }, plainOk: false, cancellationToken);

    /// <summary>Slack's rule for chat.postMessage: about one message a second per channel (sends spaced out; short bursts are tolerated).</summary>
    private PaceBudget ChannelPace(string channel) =>
        new("slack-channel:" + channel, [new PaceRule(1, options.Value.MessageInterval, FromSend: true)]);

    private static HttpRequestMessage Json(Uri uri, JsonObject body, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = authorization;
        return request;
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private async Task<JsonObject> SendAsync(string method, HttpRequestMessage request, bool plainOk, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (OutboundSetup.IsRefusedByPipeline(e))
            {
                // Slack has been failing (the circuit is open) or far too much is waiting: not worth a call now.
                throw new SlackApiException(method, "unavailable", e);
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // Still throttled after the retries, or told to wait longer than is worth it.
                    throw new SlackApiException(method, "ratelimited");
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
                }
                return Read(method, await response.Content.ReadAsStringAsync(cancellationToken), plainOk);
            }
        }
    }

    private static JsonObject Read(string method, string text, bool plainOk)
    {
        if (plainOk && text.Trim() == "ok")
        {
            return new JsonObject { ["ok"] = true };
        }
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }
        if (json is null)
        {
            throw new SlackApiException(method, "invalid_response");
        }
        if (json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk)
        {
            return json;
        }
        throw new SlackApiException(method, Text(json["error"]) ?? "unknown_error");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
