using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PeerBot.Telemetry;

/// <summary>
/// The app's one <see cref="ActivitySource"/> and <see cref="Meter"/>, and the instruments every feature records
/// into. A leaf: it knows no feature. Tags carry only channel names, outcomes, our own command words and verbs,
/// kinds of work, HTTP status codes and client names: never a member's name, email, id or text.
/// </summary>
public static class PeerBotTelemetry
{
    public const string Name = "PeerBot";

    /// <summary>The W3C trace context field carried by queued work.</summary>
    public const string TraceParent = "traceparent";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("peerbot.turns", "{turn}", "Chat turns handled, by channel and outcome.");
    private static readonly Counter<long> OutboundCalls = Meter.CreateCounter<long>("peerbot.outbound.calls", "{call}", "HTTP calls to Teams, Slack and Graph, each attempt, by client and status.");
    private static readonly Histogram<double> OutboundDuration = Meter.CreateHistogram<double>("peerbot.outbound.duration", "s", "Duration of each outbound HTTP attempt.");
    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>("peerbot.queue.age", "s", "How long a queued message waited before an instance took it.");
    private static readonly Counter<long> Nudges = Meter.CreateCounter<long>("peerbot.nudges", "{nudge}", "Nudge jobs worked, by kind and outcome (sent, skipped, unreachable, blocked, duplicate).");
    private static readonly Counter<long> Intros = Meter.CreateCounter<long>("peerbot.intros", "{intro}", "The intro funnel: requested, accepted, declined, cancelled, expired, connected, met.");
    private static readonly Dictionary<string, long> Depths = new(StringComparer.Ordinal);

    static PeerBotTelemetry()
    {
        Meter.CreateObservableGauge("peerbot.queue.depth", ObserveDepths, "{message}", "Messages waiting on each work queue, as last read.");
    }

    public static void Turn(string channel, string outcome) =>
        Turns.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Outbound(string client, string status, TimeSpan duration)
    {
        var tags = new TagList { { "client", client }, { "status", status } };
        OutboundCalls.Add(1, tags);
        OutboundDuration.Record(duration.TotalSeconds, tags);
    }

    public static void QueueDepth(string queue, long depth)
    {
        lock (Depths)
        {
            Depths[queue] = depth;
        }
    }

    public static void QueueWaited(string queue, TimeSpan age) =>
        QueueAge.Record(Math.Max(0, age.TotalSeconds), new KeyValuePair<string, object?>("queue", queue));

    public static void Nudge(string kind, string outcome) =>
        Nudges.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Intro(string step) => Intros.Add(1, new KeyValuePair<string, object?>("step", step));

    /// <summary>
    /// Starts the span of a consumer of queued work, as a child of the producer's trace context when the work carries
    /// one (<paramref name="traceParent"/>, W3C format), else as a new trace.
    /// </summary>
    public static Activity? StartConsumer(string name, string? traceParent)
    {
        var parent = ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        return Source.StartActivity(name, ActivityKind.Consumer, parent);
    }

    /// <summary>The current trace context in W3C form, for a queue message (null when nothing is traced).</summary>
    public static string? CurrentTraceParent() => Activity.Current?.Id is { } id && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null;

    private static IEnumerable<Measurement<long>> ObserveDepths()
    {
        lock (Depths)
        {
            return [.. Depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)))];
        }
    }
}
