using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.Hostile;

/// <summary>
/// Ten thousand malformed or hostile activities, four at a time, against the real app: none may get a 5xx
/// or take the app down, every card the bot sends back must still be one of its own cards, and no turn may end in
/// the "something went wrong" apology or log an error (each known exception is listed in docs/security.md).
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261126;
    private const string Apology = "something went wrong on my side";

    private readonly ConnectorStub _connector = new();
    private readonly ErrorTally _errors = new();
    private readonly BotHost _host = new("hostile");
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // Ten thousand turns of console logging would cost more than the turns themselves; errors are counted instead.
        _app = _host.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_errors)));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_hostile_activities_get_no_5xx_and_the_app_stays_healthy()
    {
        var payloads = new HostilePayloads(_connector.ServiceUrl, Seed).Generate(10_000);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(payloads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (payload, cancellationToken) =>
        {
            using var content = new ByteArrayContent(payload.Body);
            content.Headers.ContentType = new("application/json");
            try
            {
                using var response = await _client.PostAsync("/api/messages", content, cancellationToken);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    failures.Enqueue($"{(int)response.StatusCode} for {payload}\n  -> {body[..Math.Min(300, body.Length)]}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                failures.Enqueue($"{e.GetType().Name} ({e.Message}) for {payload}");
            }
        });

        output.WriteLine($"{payloads.Count} payloads in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        var apologies = _connector.Sent.Where(s => s.RawBody.Contains(Apology, StringComparison.Ordinal)).ToList();
        output.WriteLine($"{apologies.Count} turns ended in the apology; {_errors.Errors.Values.Sum(e => e.Count)} error-level log entries");
        foreach (var (key, (count, first)) in _errors.Errors.OrderByDescending(e => e.Value.Count))
        {
            output.WriteLine($"logged {count}× {key}: {first[..Math.Min(1200, first.Length)]}");
        }
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(apologies.Count == 0, $"{apologies.Count} turns ended in the apology, first in: " + string.Join("\n", apologies.Take(3).Select(a => a.RawBody[..Math.Min(300, a.RawBody.Length)])));
        Assert.True(_errors.Errors.Count == 0, "Error-level logs: " + string.Join("\n", _errors.Errors.Select(e => $"{e.Value.Count}× {e.Key}: {e.Value.First[..Math.Min(600, e.Value.First.Length)]}")));
        Assert.True(statuses.GetValueOrDefault(200) >= 1000, "Too few payloads got past the request checks to exercise the bot itself.");
        using var health = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var ownTypes = CardTypes.InTemplates();
        var cards = _connector.Sent.SelectMany(s => CardTypes.CardsIn(s.Activity)).ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, card =>
        {
            Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
            Assert.Empty(CardTypes.Of(card).Except(ownTypes));
        });
    }
}
