using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Slack;

/// <summary>One call the bot made to the stub: a Web API method, or a post to a response_url.</summary>
public sealed record SlackCall(string Method, JsonObject Body, string? Authorization, DateTimeOffset At, JsonObject? Answer)
{
    /// <summary>The message's ts: given by the stub for a new message, named in the call for an update.</summary>
    public string? Ts => Answer?["ts"]?.GetValue<string>() ?? Body["ts"]?.GetValue<string>();

    public string? Channel => Body["channel"]?.GetValue<string>();

    public string Text => Body["text"]?.GetValue<string>() ?? "";

    public JsonArray Blocks => Body["blocks"] as JsonArray ?? [];

    /// <summary>Everything the member would read, for assertions that do not care about layout.</summary>
    public string Raw => Body.ToJsonString(Readable);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value of the first button with this action id (or whose value names this action).</summary>
    public JsonObject? Button(string action, string? containing = null) => Buttons()
        .Where(b => b["action_id"]?.GetValue<string>() == action || b["value"]?.GetValue<string>().Contains($"\"{action}\"", StringComparison.Ordinal) == true)
        .Where(b => containing is null || b["value"]!.GetValue<string>().Contains(containing, StringComparison.Ordinal))
        .Select(b => JsonNode.Parse(b["value"]!.GetValue<string>())!.AsObject())
        .FirstOrDefault();

    private IEnumerable<JsonObject> Buttons() => Blocks.SelectMany(block => Descendants(block)).Where(n => n["type"]?.GetValue<string>() == "button" && n["value"] is not null);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}

/// <summary>
/// A stand-in for slack.com on loopback: answers the Web API methods PeerBot calls and the response_urls it
/// is given, and records every call. Tests can queue canned answers per method (429s, 5xx, ok:false).
/// </summary>
public sealed class SlackStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponse, Task>>> _scripted = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _ts;

    public SlackStub()
    {
        Port = Azurite.FreePort();
        _app = LoopbackApp.Create(Port);
        _app.MapPost("/api/{method}", (string method, HttpContext http) => AnswerAsync(method, http));
        _app.MapPost("/respond/{id}", (string id, HttpContext http) => AnswerAsync("response_url:" + id, http));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public Uri ApiBaseUrl => new($"http://127.0.0.1:{Port}/api/");

    public Uri ResponseUrl(string id) => new($"http://127.0.0.1:{Port}/respond/{id}");

    /// <summary>users.info answers, by user id: display name and (optional) email.</summary>
    public ConcurrentDictionary<string, (string Name, string? Email)> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// users.info answers for one workspace, keyed "{bot token}|{user id}": with several workspaces installed, the
    /// same user id can be a different person in each, and only that workspace's token gets an answer about them.
    /// </summary>
    public ConcurrentDictionary<string, (string Name, string? Email, bool Admin)> WorkspaceUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Members users.info reports as workspace admins.</summary>
    public ConcurrentDictionary<string, bool> Admins { get; } = new(StringComparer.Ordinal);

    /// <summary>What oauth.v2.access answers.</summary>
    public JsonObject OAuthAccess { get; set; } = new() { ["ok"] = false, ["error"] = "invalid_code" };

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    public IEnumerable<SlackCall> CallsTo(string method) => _calls.Where(c => c.Method == method);

    /// <summary>Messages that reached members: chat.postMessage, chat.postEphemeral and response_url posts.</summary>
    public IEnumerable<SlackCall> Messages => _calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral" || c.Method.StartsWith("response_url:", StringComparison.Ordinal));

    /// <summary>The next answers for a method, before the normal ones resume.</summary>
    public void Script(string method, params Func<HttpResponse, Task>[] answers)
    {
        var queue = _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpResponse, Task>>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public static Func<HttpResponse, Task> Status(int status, string? retryAfter = null) => response =>
    {
        response.StatusCode = status;
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }
        return Task.CompletedTask;
    };

    public static Func<HttpResponse, Task> Error(string error) => response => response.WriteAsJsonAsync(new { ok = false, error });

    /// <summary>Waits until some recorded call matches.</summary>
    public async Task<SlackCall> WaitForAsync(Func<SlackCall, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _calls.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No Slack call matched {what ?? "the condition"}. {_calls.Count} calls: "
                    + string.Join(", ", _calls.GroupBy(c => c.Method.Split(':')[0]).Select(g => $"{g.Key}×{g.Count()}"))
                    + "; the last ones: " + string.Join(", ", _calls.TakeLast(20).Select(c => c.Method)));
            }
            await _arrivals.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for a message whose text (the notification summary) contains <paramref name="text"/>.</summary>
    public Task<SlackCall> WaitForMessageAsync(string text, string? channel = null) =>
        WaitForAsync(c => (c.Method is "chat.postMessage" or "chat.postEphemeral" or "chat.update" || c.Method.StartsWith("response_url:", StringComparison.Ordinal))
            && (channel is null || c.Channel == channel) && c.Raw.Contains(text, StringComparison.Ordinal), what: $"a message with “{text}”");

    private async Task AnswerAsync(string method, HttpContext http)
    {
        var body = await ReadAsync(http.Request);
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            Record(new SlackCall(method, body, authorization, DateTimeOffset.UtcNow, null));
            await scripted(http.Response);
            return;
        }
        var answer = Answer(method, body, authorization);
        Record(new SlackCall(method, body, authorization, DateTimeOffset.UtcNow, answer));
        await http.Response.WriteAsJsonAsync(answer);
    }

    private void Record(SlackCall call)
    {
        _calls.Enqueue(call);
        _arrivals.Release();
    }

    private JsonObject Answer(string method, JsonObject body, string authorization)
    {
        var ts = $"1700000000.{Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture)}";
        switch (method)
        {
            case "chat.postMessage":
            case "chat.update":
                return new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = body["ts"]?.DeepClone() ?? ts };
            case "chat.postEphemeral":
                return new JsonObject { ["ok"] = true, ["message_ts"] = ts };
            case "views.open":
                return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V" + ts } };
            case "conversations.open":
                return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = DirectMessage(body["users"]?.GetValue<string>() ?? "") } };
            case "users.info":
                var id = body["user"]?.GetValue<string>() ?? "";
                if (!WorkspaceUsers.IsEmpty)
                {
                    var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
                    return WorkspaceUsers.TryGetValue($"{token}|{id}", out var member)
                        ? new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = id, ["name"] = id, ["tz"] = "America/New_York", ["is_admin"] = member.Admin, ["profile"] = new JsonObject { ["real_name"] = member.Name, ["email"] = member.Email } } }
                        : new JsonObject { ["ok"] = false, ["error"] = "user_not_found" };
                }
                return Users.TryGetValue(id, out var user)
                    ? new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = id, ["name"] = id, ["tz"] = "America/New_York", ["is_admin"] = Admins.ContainsKey(id), ["profile"] = new JsonObject { ["real_name"] = user.Name, ["email"] = user.Email } } }
                    : new JsonObject { ["ok"] = false, ["error"] = "user_not_found" };
            case "oauth.v2.access":
                return (JsonObject)OAuthAccess.DeepClone();
            default:
                return method.StartsWith("response_url:", StringComparison.Ordinal)
                    ? new JsonObject { ["ok"] = true }
                    : new JsonObject { ["ok"] = false, ["error"] = "unknown_method" };
        }
    }

    /// <summary>The DM channel id the stub gives a member's conversation with the bot.</summary>
    public static string DirectMessage(string userId) => "D" + userId;

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return new JsonObject(form.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.ToString())));
        }
        var text = await new StreamReader(request.Body).ReadToEndAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}
