using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>
/// A Bot Framework connector on loopback, given to the bot as the activities' serviceUrl. It records every
/// outbound payload the bot sends and answers the member lookups TeamsActivityHandler makes.
/// </summary>
public sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SentActivity> _sent = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _teamLookups;

    public ConnectorStub()
    {
        Port = Azurite.FreePort();
        _app = LoopbackApp.Create(Port);
        _app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            _sent.Enqueue(new SentActivity(conversationId, JsonNode.Parse(body)!.AsObject(), body));
            _arrivals.Release();
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        _app.MapGet("/v3/teams/{teamId}", (string teamId) =>
        {
            Interlocked.Increment(ref _teamLookups);
            return Teams.TryGetValue(teamId, out var groupId)
                ? Results.Json(new { id = teamId, name = "Team " + teamId, aadGroupId = groupId })
                : Results.NotFound();
        });
        _app.MapGet("/v3/conversations/{conversationId}/members/{userId}", (string conversationId, string userId) =>
            Results.Json(new { id = userId, name = "Member " + userId, aadObjectId = userId, email = $"{userId}@members.example", userPrincipalName = $"{userId}@members.example" }));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

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

/// <summary>One activity the bot sent, as it went over the wire.</summary>
public sealed record SentActivity(string ConversationId, JsonObject Activity, string RawBody)
{
    public string? Text => Activity["text"]?.GetValue<string>();

    public JsonObject? Card => Activity["attachments"]?[0]?["content"]?.AsObject();

    /// <summary>All text in the card, for assertions that do not care about layout.</summary>
    public string CardText => Card?.ToJsonString(Readable) ?? "";

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
