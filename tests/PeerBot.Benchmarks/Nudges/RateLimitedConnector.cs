using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PeerBot.Tests;

namespace PeerBot.Benchmarks.Nudges;

/// <summary>
/// A Bot Framework connector on loopback that enforces a tenant's rate the way Teams does: at most
/// <c>perSecond</c> accepted requests in any one-second window; beyond that it answers 429 with Retry-After: 1.
/// </summary>
public sealed class RateLimitedConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<long> _window = new();
    private readonly Lock _lock = new();
    private readonly int _perSecond;

    public RateLimitedConnector(int port, int perSecond)
    {
        _perSecond = perSecond;
        _app = LoopbackApp.Create(port);
        _app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", (string conversationId, HttpContext http) =>
        {
            var now = Environment.TickCount64;
            lock (_lock)
            {
                while (_window.Count > 0 && now - _window.Peek() >= 1000)
                {
                    _window.Dequeue();
                }
                if (_window.Count >= _perSecond)
                {
                    Interlocked.Increment(ref _throttled);
                    http.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                }
                _window.Enqueue(now);
            }
            Accepted.Enqueue((conversationId, now));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        ServiceUrl = $"http://127.0.0.1:{port}/";
    }

    public string ServiceUrl { get; }

    /// <summary>Every accepted message: its conversation and when (Environment.TickCount64, ms).</summary>
    public ConcurrentQueue<(string Conversation, long At)> Accepted { get; } = new();

    private long _throttled;

    /// <summary>How many requests were answered 429.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
