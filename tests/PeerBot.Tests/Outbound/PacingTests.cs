using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Teams;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Outbound;

/// <summary>
/// Outbound pacing and retries of the Bot Framework connector's client, as the app registers it (the outbound
/// pipeline with the connector's rules), against a connector on loopback that answers as told.
/// </summary>
public sealed class PacingTests : IAsyncDisposable
{
    private readonly List<ServiceProvider> _services = [];
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, long At)> _arrivals = new();
    private Func<int, (HttpStatusCode Status, string? RetryAfter)> _answer = _ => (HttpStatusCode.OK, null);
    private int _count;

    public PacingTests()
    {
        Port = Azurite.FreePort();
        _app = LoopbackApp.Create(Port);
        _app.MapPost("/v3/conversations/{id}/activities", (HttpContext http) =>
        {
            _arrivals.Enqueue((http.Request.Path, Stopwatch.GetTimestamp()));
            var (status, retryAfter) = _answer(Interlocked.Increment(ref _count));
            if (retryAfter is not null)
            {
                http.Response.Headers.RetryAfter = retryAfter;
            }
            return Results.Json(new { id = "1" }, statusCode: (int)status);
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    private int Port { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private HttpClient Client(int tenantPerSecond = 50, int maxAttempts = 6)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:Connector:TenantPerSecond"] = tenantPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Teams:Connector:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Teams:Connector:BaseDelay"] = "00:00:00.100",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddConnectorClient().AddGraphClient().BuildServiceProvider();
        _services.Add(services);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(TeamsSetup.ConnectorClient);
        client.BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        return client;
    }

    [Fact]
    public async Task A_destination_that_keeps_failing_opens_its_own_circuit_and_calls_then_fail_at_once()
    {
        _answer = _ => (HttpStatusCode.InternalServerError, null);
        using var client = Client(tenantPerSecond: 1000);
        for (var i = 0; i < 20; i++)
        {
            using var failed = await client.PostAsync($"v3/conversations/down{i}/activities", Activity());
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => client.PostAsync("v3/conversations/after/activities", Activity()));
        Assert.Equal(20, _arrivals.Count);

        // Graph is another destination with its own breaker: its calls still go out.
        var graph = _services[^1].GetRequiredService<IHttpClientFactory>().CreateClient(GraphTeamRoster.Client);
        using var answered = await graph.PostAsync($"http://127.0.0.1:{Port}/v3/conversations/graph/activities", Activity());
        Assert.Equal(21, _arrivals.Count);
    }

    private static StringContent Activity(string tenant = "tenant-a") =>
        new("{\"type\":\"message\",\"text\":\"hi\",\"conversation\":{\"id\":\"x\",\"tenantId\":\"" + tenant + "\"}}", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_answers_are_retried_until_the_send_goes_through(HttpStatusCode transient)
    {
        _answer = n => n <= 2 ? (transient, null) : (HttpStatusCode.OK, null);
        using var client = Client();
        using var response = await client.PostAsync("v3/conversations/a/activities", Activity());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _arrivals.Count);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        _answer = n => n == 1 ? (HttpStatusCode.TooManyRequests, "1") : (HttpStatusCode.OK, null);
        using var client = Client();
        using var response = await client.PostAsync("v3/conversations/a/activities", Activity());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var times = _arrivals.Select(a => a.At).ToList();
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromSeconds(1), $"{Stopwatch.GetElapsedTime(times[0], times[1])}");
    }

    [Fact]
    public async Task Forbidden_is_never_retried()
    {
        _answer = _ => (HttpStatusCode.Forbidden, null);
        using var client = Client();
        using var response = await client.PostAsync("v3/conversations/a/activities", Activity());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(_arrivals);
    }

    [Fact]
    public async Task Retries_stop_after_the_last_attempt()
    {
        _answer = _ => (HttpStatusCode.BadGateway, null);
        using var client = Client(maxAttempts: 3);
        using var response = await client.PostAsync("v3/conversations/a/activities", Activity());
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(3, _arrivals.Count);
    }

    [Fact]
    public async Task One_conversation_gets_at_most_seven_messages_a_second()
    {
        using var client = Client(tenantPerSecond: 1000);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await client.PostAsync("v3/conversations/same/activities", Activity());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        AssertAtMost(7, TimeSpan.FromSeconds(1));
        AssertAtMost(8, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_tenant_gets_at_most_its_rate_across_conversations_and_tenants_are_paced_apart()
    {
        using var client = Client(tenantPerSecond: 20);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await client.PostAsync($"v3/conversations/c{i}/activities", Activity());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        AssertAtMost(20, TimeSpan.FromSeconds(1));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(2));

        // Another tenant is not held up by the first one's queue.
        var other = Stopwatch.GetTimestamp();
        using var quick = await client.PostAsync("v3/conversations/z/activities", Activity("tenant-b"));
        Assert.True(Stopwatch.GetElapsedTime(other) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_never_undercuts_retry_after()
    {
        var retry = OutboundClients.Retry(new ConnectorOptions { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(30) });
        var random = new Random(7);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var full = Math.Min(500 * Math.Pow(2, attempt), 30_000);
            var delay = retry.Delay(attempt, null, DateTimeOffset.UtcNow, random).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
        var told = retry.Delay(0, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), DateTimeOffset.UtcNow, random);
        Assert.InRange(told.TotalMilliseconds, 7000, 7050);
        Assert.False(retry.IsRetried(HttpStatusCode.Forbidden));
        Assert.False(retry.IsRetried(HttpStatusCode.InternalServerError));
        Assert.All(new[] { HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout }, s => Assert.True(retry.IsRetried(s)));
    }

    private void AssertAtMost(int limit, TimeSpan window)
    {
        var times = _arrivals.Select(a => a.At).Order().ToList();
        for (var i = limit; i < times.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(times[i - limit], times[i]);
            Assert.True(span >= window, $"{limit + 1} requests within {span.TotalMilliseconds:F0} ms (limit {limit} per {window.TotalSeconds} s)");
        }
    }
}
