using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>
/// A Bot Framework connector on loopback, given to the bot as the activities' serviceUrl. It records every
/// outbound payload the bot sends and answers member lookups (<c>GET /v3/conversations/{id}/members/{userId}</c>) as
/// Teams does: from <see cref="Roster"/> when the member is there (by 29: id or Entra object id), with Teams' 404
/// otherwise when <see cref="StrictRoster"/> is set, else with a made-up member; or failing as told
/// (<see cref="RosterFailure"/>, <see cref="RosterDelay"/>).
/// </summary>
public sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SentActivity> _sent = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _teamLookups;
    private int _rosterLookups;

    public ConnectorStub()
    {
        Port = Azurite.FreePort();
        _app = LoopbackApp.Create(Port);
        _app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var id = Guid.NewGuid().ToString("N");
            _sent.Enqueue(new SentActivity(conversationId, JsonNode.Parse(body)!.AsObject(), body) { Id = id });
            _arrivals.Release();
            return Results.Json(new { id });
        });
        _app.MapGet("/v3/teams/{teamId}", (string teamId) =>
        {
            Interlocked.Increment(ref _teamLookups);
            return Teams.TryGetValue(teamId, out var groupId)
                ? Results.Json(new { id = teamId, name = "Team " + teamId, aadGroupId = groupId })
                : Results.NotFound();
        });
        _app.MapGet("/v3/conversations/{conversationId}/members/{userId}", async (string conversationId, string userId, HttpContext http) =>
        {
            Interlocked.Increment(ref _rosterLookups);
            var key = userId.StartsWith("29:", StringComparison.Ordinal) ? userId[3..] : userId;
            RosterAsked.Enqueue(key);
            if (RosterDelay is { } delay)
            {
                await Task.Delay(delay, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            if (RosterFailure is { } status)
            {
                return Results.Json(new { error = new { code = status == 403 ? "BotNotInConversationRoster" : "ServiceError", message = "The roster is not available." } }, statusCode: status);
            }
            if (Roster.TryGetValue(key, out var member))
            {
                return Results.Json(new
                {
                    id = "29:" + key,
                    name = member.Name,
                    aadObjectId = key,
                    givenName = member.Name.Split(' ')[0],
                    surname = member.Name.Split(' ')[^1],
                    email = member.Email,
                    userPrincipalName = member.Upn,
                    tenantId = member.TenantId,
                    userRole = member.UserRole,
                });
            }
            return StrictRoster
                ? Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "The member is not in the conversation." } }, statusCode: 404)
                : Results.Json(new { id = userId, name = "Member " + userId, aadObjectId = userId, email = $"{userId}@members.example", userPrincipalName = $"{userId}@members.example" });
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    /// <summary>The members the roster knows, by Entra object id.</summary>
    public ConcurrentDictionary<string, RosterMember> Roster { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, members not in <see cref="Roster"/> get Teams' 404 instead of a made-up entry.</summary>
    public bool StrictRoster { get; set; }

    /// <summary>When set, every member lookup fails with this status.</summary>
    public int? RosterFailure { get; set; }

    /// <summary>When set, every member lookup answers this late.</summary>
    public TimeSpan? RosterDelay { get; set; }

    /// <summary>How many member lookups the bot made.</summary>
    public int RosterLookups => Volatile.Read(ref _rosterLookups);

    /// <summary>Who the bot asked the roster about (Entra object ids, in order).</summary>
    public ConcurrentQueue<string> RosterAsked { get; } = new();

    /// <summary>The teams whose details the connector gives out: Teams team id to Microsoft 365 group id.</summary>
    public ConcurrentDictionary<string, string> Teams { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the bot asked for a team's details.</summary>
    public int TeamLookups => Volatile.Read(ref _teamLookups);

    public string ServiceUrl => $"http://127.0.0.1:{Port}/";

    public IReadOnlyList<SentActivity> Sent => _sent.ToList();

    public IEnumerable<SentActivity> SentTo(string conversationId) => _sent.Where(s => s.ConversationId == conversationId);

    /// <summary>Waits until at least <paramref name="count"/> activities have arrived in the conversation.</summary>
    public async Task<IReadOnlyList<SentActivity>> WaitForAsync(string conversationId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (SentTo(conversationId).Count() < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {count} activities in {conversationId}, got {SentTo(conversationId).Count()}.");
            }
            await _arrivals.WaitAsync(left);
        }
        return SentTo(conversationId).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}

/// <summary>A member as the Teams roster describes them (userRole "user" or "guest").</summary>
public sealed record RosterMember(string Name, string? Email, string? Upn, string? TenantId = null, string UserRole = "user");

/// <summary>One activity the bot sent, as it went over the wire.</summary>
public sealed record SentActivity(string ConversationId, JsonObject Activity, string RawBody)
{
    /// <summary>The id the connector gave the activity (what a later replyToId names).</summary>
    public string? Id { get; init; }

    public string? Text => Activity["text"]?.GetValue<string>();

    public JsonObject? Card => Activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?.AsObject() : null;

    /// <summary>All text in the card, for assertions that do not care about layout.</summary>
    public string CardText => Card?.ToJsonString(Readable) ?? "";

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
