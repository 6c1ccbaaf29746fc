using System.Text.Json;

namespace PeerBot.Nudges;

/// <summary>What kinds of scheduled work there are.</summary>
public static class JobKinds
{
    public const string Member = "member";
    public const string Resume = "resume";
    public const string FollowUp = "followup";
    public const string Channel = "channel";
    public const string Ghost = "ghost";
    public const string Role = "role";
}

/// <summary>
/// One piece of due work: a member's nudge, a follow-up, a channel post, a notice. It travels as a queue
/// message; its <see cref="DedupeKey"/> names the one send it may cause.
/// </summary>
/// <param name="Target">A member id, or a channel with its tenant (<see cref="NudgeChannel.Key"/>: "msteams:{tenant}:19:abc@thread.tacv2").</param>
/// <param name="Detail">What distinguishes several jobs of one kind for one target (an intro and round, a role).</param>
public sealed record NudgeJob(string Kind, string Target, DateTimeOffset Due, string Detail = "")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Which timer row holds this job: a later job with the same identity replaces it.</summary>
    public string Identity => $"{Kind}|{Target}|{Detail}";

    /// <summary>The send this job may cause; recorded before the send, so it happens once.</summary>
    public string DedupeKey => $"{Identity}|{Due.UtcTicks}";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Several jobs as one queue message. Every queue operation (send, receive, delete) is a storage transaction;
    /// carrying a handful of jobs per message divides them, while each job keeps its own dedupe key.
    /// </summary>
    /// <remarks>With a W3C <paramref name="traceParent"/>, the jobs travel in an envelope that carries it, so that the instance working them continues the trace.</remarks>
    public static string ToMessage(IReadOnlyList<NudgeJob> jobs, string? traceParent = null) => traceParent is null
        ? JsonSerializer.Serialize(jobs, Json)
        : JsonSerializer.Serialize(new Envelope(traceParent, jobs), Json);

    /// <summary>The jobs a queue message carries (a list, an envelope, or one job on its own); null when any of them is unreadable.</summary>
    public static IReadOnlyList<NudgeJob>? TryParseMessage(string text) => TryParseMessage(text, out _);

    /// <inheritdoc cref="TryParseMessage(string)"/>
    public static IReadOnlyList<NudgeJob>? TryParseMessage(string text, out string? traceParent)
    {
        traceParent = null;
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') && trimmed.Contains("\"jobs\"", StringComparison.Ordinal))
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope>(text, Json);
                traceParent = envelope?.TraceParent;
                return envelope?.Jobs is { } inner ? TryParseMessage(JsonSerializer.Serialize(inner, Json)) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        if (!trimmed.StartsWith('['))
        {
            return TryParse(text) is { } single ? [single] : null;
        }
        try
        {
            var jobs = JsonSerializer.Deserialize<List<NudgeJob?>>(text, Json);
            if (jobs is not { Count: > 0 } || jobs.Any(j => j is not { Kind.Length: > 0, Target.Length: > 0 }))
            {
                return null;
            }
            return [.. jobs.Select(j => j! with { Detail = j.Detail ?? "" })];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static NudgeJob? TryParse(string text)
    {
        try
        {
            var job = JsonSerializer.Deserialize<NudgeJob>(text, Json);
            return job is { Kind.Length: > 0, Target.Length: > 0 } ? job with { Detail = job.Detail ?? "" } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope(
        [property: System.Text.Json.Serialization.JsonPropertyName("traceparent")] string? TraceParent,
        IReadOnlyList<NudgeJob?>? Jobs);
}
