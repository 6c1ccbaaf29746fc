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
/// or take the app down, and every card the bot sends back must still be one of its own cards.
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261126;

    private readonly ConnectorStub _connector = new();
    private readonly BotHost _host = new("hostile");
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // Ten thousand turns of console logging would cost more than the turns themselves.
        _app = _host.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.ClearProviders()));
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
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, first ones:\n" + string.Join("\n", failures.Take(15)));
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
