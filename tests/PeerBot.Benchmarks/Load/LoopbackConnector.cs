using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PeerBot.Benchmarks.Load;

/// <summary>
/// The Teams connector as a fast loopback server: every send is accepted at once (200 with an id), the roster answers
/// each member at their own tenant's domain, and replies are counted per activity they answer, so a redelivered
/// activity that was answered twice shows.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _sends;
    private long _introsSent;

    public LoopbackConnector()
    {
        var port = PeerBot.Tests.Storage.Azurite.FreePort();
        _app = PeerBot.Tests.LoopbackApp.Create(port);
        ServiceUrl = $"http://127.0.0.1:{port}/";
        _app.MapPost("/v3/conversations/{conversation}/activities/{replyTo}", async (HttpContext http, string replyTo) =>
        {
            Replies.AddOrUpdate(replyTo, 1, (_, n) => n + 1);
            await CountAsync(http);
            return Results.Json(new { id = "r" + Interlocked.Increment(ref _sends) });
        });
        _app.MapPost("/v3/conversations/{conversation}/activities", async (HttpContext http) =>
        {
            await CountAsync(http);
            return Results.Json(new { id = "p" + Interlocked.Increment(ref _sends) });
        });
        _app.MapPut("/v3/conversations/{conversation}/activities/{id}", () => Results.Json(new { id = "u" }));
        _app.MapGet("/v3/conversations/{conversation}/members/{member}", (string member) =>
        {
            var user = member.StartsWith("29:", StringComparison.Ordinal) ? member[3..] : member;
            return Results.Json(new { id = "29:" + user, name = "Member " + user, aadObjectId = user, email = $"{user}@{user}.example", userPrincipalName = $"{user}@{user}.example" });
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public string ServiceUrl { get; }

    /// <summary>Replies per activity id they answer.</summary>
    public ConcurrentDictionary<string, int> Replies { get; } = new(StringComparer.Ordinal);

    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>Intro requests delivered to their peers (the "Request sent" confirmation is counted by the load run).</summary>
    public long IntrosSent => Interlocked.Read(ref _introsSent);

    /// <summary>When each send arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamps), in arrival order.</summary>
    public ConcurrentQueue<long> SendTimes { get; } = new();

    private async Task CountAsync(HttpContext http)
    {
        SendTimes.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (body.Contains("Request sent", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _introsSent);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
