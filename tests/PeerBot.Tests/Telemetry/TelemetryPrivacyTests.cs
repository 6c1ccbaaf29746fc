using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PeerBot.Intros;
using PeerBot.Telemetry;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Telemetry;

/// <summary>
/// The app as deployed with Application Insights (the Azure Monitor distro, pointed at a loopback port that
/// refuses), with in-memory exporters beside it. Real Teams turns run (a search, an intro request with a note, an
/// accept); then every exported span, metric point and log record is scanned for the members' names, emails and
/// the texts they sent. The same capture shows one trace running from the HTTP request to the connector call.
/// </summary>
public sealed class TelemetryPrivacyTests() : BotTestBase("telemetry")
{
    private const string A = "u-telemetry-a";
    private const string B = "u-telemetry-b";
    private const string AName = "Philippa Quarrington";
    private const string BName = "Bartholomew Ellsworthy";
    private const string ATenant = "harbor-telemetry";
    private const string BTenant = "orbit-telemetry";
    // What the roster answers for each (see OnboardAsync).
    private const string AEmail = A + "@" + ATenant + ".example";
    private const string BEmail = B + "@" + BTenant + ".example";
    private const string Note = "Keen to swap notes on our confidential pricing overhaul";
    private const string Search = "findpeer vice president of marketing";

    private readonly ExportedItems<Activity> _spans = new();
    private readonly ExportedItems<Metric> _metrics = new();
    private readonly ExportedItems<LogRecord> _logs = new();

    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?>
    {
        // Port 9 on loopback: nothing listens, so nothing the exporter sends goes anywhere.
        [TelemetrySetup.ConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/",
    }, services =>
    {
        services.Configure<AzureMonitorOptions>(options =>
        {
            options.DisableOfflineStorage = true;
            options.EnableLiveMetrics = false;
            // Every trace, not the distro's default five a second: the scan must see all of them.
            options.TracesPerSecond = null;
            options.SamplingRatio = 1.0F;
        });
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddInMemoryExporter(_logs));
    });

    [Fact]
    public async Task Exported_telemetry_names_no_member_and_carries_no_text_and_follows_a_turn_to_the_connector()
    {
        // Both arrive as real members do: install, the roster Teams answers (their emails), the form they are shown.
        await OnboardAsync(A, ATenant, AName, "VP Marketing", "Harbor Telemetry");
        await OnboardAsync(B, BTenant, BName, "Vice President, Marketing", "Orbit Telemetry");
        var results = await SayAsync(InTenant(Activities.Message(Connector.ServiceUrl, A, Search, userName: AName), ATenant), 1);
        Assert.Contains(BName, results[0].RawBody, StringComparison.Ordinal);
        await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, A, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + B, ["note"] = Note }), ATenant), 1);
        var intro = (await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey("msteams:" + A, "msteams:" + B), CancellationToken.None))!.Value.Intro;
        await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, B, new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = intro.PairKey, ["round"] = intro.Round }), BTenant), 2);
        Assert.Contains(Connector.SentTo(Activities.PersonalConversation(A)), s => s.RawBody.Contains(BEmail, StringComparison.Ordinal));

        Host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Host.Services.GetRequiredService<LoggerProvider>().ForceFlush();

        var exported = Exported();
        Assert.True(exported.Count > 100, $"Only {exported.Count} exported values: the capture is not working.");
        Assert.Contains(exported, e => e.Value.Contains("/api/messages", StringComparison.Ordinal));
        string[] secrets = [AName, BName, "Philippa", "Bartholomew", "Quarrington", "Ellsworthy", AEmail, BEmail, "telemetry.example", Note, "confidential pricing", "vice president of marketing"];
        var leaks = exported.Where(e => secrets.Any(s => e.Value.Contains(s, StringComparison.OrdinalIgnoreCase))).Select(e => $"{e.Where}: {e.Value}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} exported values name a member or carry their text:\n" + string.Join("\n", leaks.Take(20)));

        // Our own instruments counted the turns and the funnel.
        var points = MetricPoints();
        Assert.Contains(points, p => p.Metric == "peerbot.turns" && p.Tags["channel"] == "msteams" && p.Tags["outcome"] == "ok");
        foreach (var step in new[] { "requested", "accepted", "connected" })
        {
            Assert.Contains(points, p => p.Metric == "peerbot.intros" && p.Tags["step"] == step);
        }
        Assert.Contains(points, p => p.Metric == "peerbot.outbound.calls" && p.Tags["client"] == "BotConnector" && p.Tags["status"].StartsWith('2'));

        // One trace runs from the HTTP request through the turn to the call to the connector.
        // A copy: background work (change polls, sweeps) keeps exporting spans while this reads them.
        var spans = _spans.Snapshot();
        var turn = spans.LastOrDefault(s => s.OperationName == "turn" && (string?)s.GetTagItem("peerbot.turn.kind") == "command:findpeer");
        Assert.True(turn is not null, "Spans: " + string.Join(", ", spans.Where(s => s.Source.Name == "PeerBot").Select(s => $"{s.Source.Name}/{s.OperationName}/{s.DisplayName}/{s.GetTagItem("peerbot.turn.kind")}")));
        Assert.Equal("ok", turn.GetTagItem("peerbot.turn.outcome"));
        var trace = spans.Where(s => s.TraceId == turn.TraceId).ToList();
        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.SpanId == turn.ParentSpanId);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.StartsWith("POST", StringComparison.Ordinal) && Descends(s, turn, trace));
    }

    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every string the exporters were handed: span names, tags, events, links and status; metric names and tags; log messages, attributes and exceptions.</summary>
    private List<(string Where, string Value)> Exported()
    {
        var values = new List<(string, string)>();
        foreach (var span in _spans.Snapshot())
        {
            values.Add(("span name", span.DisplayName));
            values.Add(("span status", span.StatusDescription ?? ""));
            values.AddRange(span.TagObjects.Select(t => ($"span {span.DisplayName} tag {t.Key}", t.Value?.ToString() ?? "")));
            values.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => ($"span event {e.Name} {t.Key}", t.Value?.ToString() ?? "")).Append(("span event", e.Name))));
            values.AddRange(span.Baggage.Select(b => ($"baggage {b.Key}", b.Value ?? "")));
        }
        foreach (var point in MetricPoints())
        {
            values.Add(("metric", point.Metric));
            values.AddRange(point.Tags.Select(t => ($"metric {point.Metric} tag {t.Key}", t.Value)));
        }
        foreach (var log in _logs.Snapshot())
        {
            values.Add(("log message", log.FormattedMessage ?? log.Body ?? ""));
            values.Add(("log exception", log.Exception?.ToString() ?? ""));
            values.AddRange((log.Attributes ?? []).Select(a => ($"log attribute {a.Key}", a.Value?.ToString() ?? "")));
        }
        return values;
    }

    private List<(string Metric, Dictionary<string, string> Tags)> MetricPoints()
    {
        var points = new List<(string, Dictionary<string, string>)>();
        foreach (var metric in _metrics.Snapshot())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString() ?? "";
                }
                points.Add((metric.Name, tags));
            }
        }
        return points;
    }
}
