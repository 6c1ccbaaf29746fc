using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Profiles;
using PeerBot.Tests.Slack;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.Hostile;

/// <summary>
/// Ten thousand malformed or hostile Slack requests, four at a time, against the real app with a Slack stub:
/// none may get a 5xx, forged ones get a 401 and oversized ones a 413, the app and its Slack work queue stay
/// up, and whatever the bot sent to Slack uses only its own kinds of blocks, with member text never turned
/// into mentions or links. No request may end in the "something went wrong" apology or log an error (each known
/// exception is listed in docs/security.md).
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class SlackHostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261127;

    private readonly SlackStub _slack = new();
    private readonly ErrorTally _errors = new();
    private BotHost _host = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = new BotHost("slackhostile", new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackTestBase.BotToken,
            ["Slack:MessageInterval"] = "00:00:00.001",
            ["Slack:RetryDelay"] = "00:00:00.001",
        });
        // Ten thousand requests of console logging would cost more than the requests themselves; errors are counted instead.
        _app = _host.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_errors)));
        _client = _app.CreateClient();
        foreach (var (id, name) in HostileSlackRequests.StubUsers())
        {
            _slack.Users[id] = (name, null);
        }
        var profiles = _app.Services.GetRequiredService<ProfileStore>();
        await profiles.SaveAsync(Leader("import:vp-a", "Grace Hopper", "Harbor Analytics"), null, CancellationToken.None, overwrite: true);
        await profiles.SaveAsync(Leader("import:vp-b", "Katherine Johnson", "Orbit Foods"), null, CancellationToken.None, overwrite: true);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_hostile_Slack_requests_get_no_5xx_and_the_app_and_its_work_queue_stay_healthy()
    {
        var requests = new HostileSlackRequests(_slack.ResponseUrl, Seed).Generate(10_000);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
        {
            try
            {
                using var message = request.ToRequest(DateTimeOffset.UtcNow);
                using var response = await _client.SendAsync(message, cancellationToken);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 || (request.Required is { } required && response.StatusCode != required))
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    failures.Enqueue($"{status} (required: {request.Required?.ToString() ?? "not 5xx"}) for {request}\n  -> {body[..Math.Min(300, body.Length)]}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                failures.Enqueue($"{e.GetType().Name} ({e.Message}) for {request}");
            }
        });
        var sent = clock.Elapsed;

        // The queue is first in, first out: once this normal command is answered, the hostile work before it is done.
        var findpeer = SlackRequests.Command("U0NORMAL", "/findpeer", "VP marketing", "C0GENERAL", _slack.ResponseUrl("after-the-run"));
        using var command = await _client.SendAsync(SlackRequests.SignedPost("/slack/commands", findpeer));
        var results = await _slack.WaitForAsync(c => c.Method == "response_url:after-the-run", TimeSpan.FromSeconds(90), "the results after the run");
        using var health = await _client.GetAsync("/healthz");

        output.WriteLine($"{requests.Count} requests in {sent.TotalSeconds:F1} s, work drained after {clock.Elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"{_slack.Calls.Count} calls to Slack: " + string.Join(", ", _slack.Calls.GroupBy(c => c.Method.Split(':')[0]).Select(g => $"{g.Key}×{g.Count()}")));
        var apologies = _slack.Calls.Where(c => c.Raw.Contains("something went wrong on my side", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{apologies.Count} turns ended in the apology; {_errors.Errors.Values.Sum(e => e.Count)} error-level log entries");
        foreach (var (key, (count, first)) in _errors.Errors.OrderByDescending(e => e.Value.Count))
        {
            output.WriteLine($"logged {count}× {key}: {first[..Math.Min(1200, first.Length)]}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} failures, first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.True(apologies.Count == 0, $"{apologies.Count} turns ended in the apology, first in: " + string.Join("\n", apologies.Take(3).Select(a => a.Raw[..Math.Min(300, a.Raw.Length)])));
        Assert.True(_errors.Errors.Count == 0, "Error-level logs: " + string.Join("\n", _errors.Errors.Select(e => $"{e.Value.Count}× {e.Key}: {e.Value.First[..Math.Min(600, e.Value.First.Length)]}")));
        Assert.True(statuses.GetValueOrDefault(200) >= 5000, "Too few requests got past the signature check and the parsers to exercise the bot itself.");
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Grace Hopper", results.Raw, StringComparison.Ordinal);

        var ownTypes = SlackMarkup.TemplateTypes();
        var blockKit = _slack.Calls.Where(c => SlackMarkup.BlockKitOf(c) is not null).ToList();
        Assert.True(blockKit.Count >= 1000, $"Only {blockKit.Count} messages with blocks reached Slack.");
        var foreign = blockKit.Where(call => CardTypes.Of(SlackMarkup.BlockKitOf(call)).Except(ownTypes).Any()).Select(call => $"{call.Method}: {call.Raw}").ToList();
        Assert.True(foreign.Count == 0, $"{foreign.Count} calls with block types no template uses, first ones:\n" + string.Join("\n", foreign.Take(5)));
        var markup = _slack.Calls.SelectMany(call => SlackMarkup.MrkdwnTexts(call).Where(text => !SlackMarkup.IsEscaped(text)).Select(text => $"{call.Method}: {text}")).ToList();
        Assert.True(markup.Count == 0, $"{markup.Count} mrkdwn texts that Slack would read as markup, first ones:\n" + string.Join("\n", markup.Distinct().Take(15)));
    }

    private static Peer Leader(string id, string name, string organization) => new()
    {
        Id = id,
        Name = name,
        Title = "VP Marketing",
        Organization = organization,
        OrganizationKey = OrganizationKeys.For(null, null, organization),
        Headcount = 300,
        Industry = "Software",
        TimeZone = "Europe/Berlin",
        Topics = ["pricing"],
        Channel = "import",
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
