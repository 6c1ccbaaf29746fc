using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PeerBot.Tests.Teams;

/// <summary>
/// Microsoft Graph's team member query on loopback: <c>GET /v1.0/teams/{id}/members?$filter=…userId eq '…'</c>,
/// answered from a roster of roles, only for the expected bearer token. Other filters get 400, as Graph gives.
/// </summary>
public sealed partial class GraphStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _authorizations = new();
    private int _calls;

    public GraphStub(string token)
    {
        _app = LoopbackApp.Create(0);
        _app.MapGet("/v1.0/teams/{teamId}/members", async (string teamId, HttpRequest request) =>
        {
            Interlocked.Increment(ref _calls);
            var authorization = request.Headers.Authorization.ToString();
            _authorizations.Enqueue(authorization);
            var expected = TeamTokens.TryGetValue(teamId, out var teamToken) ? teamToken : token;
            if (authorization != "Bearer " + expected)
            {
                return Results.Json(new { error = new { code = "InvalidAuthenticationToken" } }, statusCode: 401);
            }
            if (Failure is { } status)
            {
                return Results.Json(new { error = new { code = "serviceNotAvailable" } }, statusCode: status);
            }
            if (Delay is { } delay)
            {
                await Task.Delay(delay, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            if (Garbled)
            {
                return Results.Text("<html>gateway says hello</html>", "application/json");
            }
            if (UserFilter().Match(request.Query["$filter"].ToString()) is not { Success: true } filter)
            {
                return Results.Json(new { error = new { code = "BadRequest" } }, statusCode: 400);
            }
            var user = filter.Groups[1].Value;
            var members = new JsonArray();
            if (Roster.TryGetValue((teamId, user), out var roles))
            {
                members.Add(new JsonObject
                {
                    ["@odata.type"] = "#microsoft.graph.aadUserConversationMember",
                    ["id"] = "MCMjMiMj" + user,
                    ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]),
                    ["displayName"] = "Member " + user,
                    ["userId"] = user,
                    ["tenantId"] = Activities.Tenant,
                });
            }
            return Results.Json(new JsonObject { ["@odata.count"] = members.Count, ["value"] = members });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First().TrimEnd('/') + "/v1.0";
    }

    public string BaseUrl { get; }

    /// <summary>Roles by (team group id, user object id): ["owner"], [] for a plain member, ["guest"].</summary>
    public ConcurrentDictionary<(string Team, string User), string[]> Roster { get; } = new();

    /// <summary>
    /// Tokens by team group id: Graph answers about a team only to a token from that team's tenant. Teams not listed
    /// take the token the stub was made with.
    /// </summary>
    public ConcurrentDictionary<string, string> TeamTokens { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every query fails with this status.</summary>
    public int? Failure { get; set; }

    /// <summary>When set, every answer comes this late.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>When set, every query gets a body that is not JSON.</summary>
    public bool Garbled { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("^\\(microsoft\\.graph\\.aadUserConversationMember/userId eq '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'\\)$")]
    private static partial Regex UserFilter();
}
