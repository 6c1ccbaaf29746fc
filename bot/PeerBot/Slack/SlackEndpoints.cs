using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace PeerBot.Slack;

/// <summary>
/// The three request URLs Slack calls. Each answers at once (Slack wants an answer within 3 seconds and
/// retries otherwise) and leaves the work to the <see cref="SlackWorkers"/>. Signatures were checked by
/// <see cref="SlackRequestFilter"/> before any of this runs.
/// </summary>
public static partial class SlackEndpoints
{
    public static IResult Commands(HttpContext http, SlackWorkers queue, SlackDispatcher dispatcher)
    {
        if (Form(http) is not { } form)
        {
            return Results.BadRequest();
        }
        Enqueue(queue, dispatcher, SlackPayloads.FromCommand(form));
        return Results.Ok();
    }

    public static IResult Events(HttpContext http, SlackWorkers queue, SlackDispatcher dispatcher, ILoggerFactory loggers)
    {
        if (SlackPayloads.ParseObject(Body(http).Text) is not { } envelope)
        {
            return Results.BadRequest();
        }
        switch (SlackPayloads.Text(envelope["type"]))
        {
            case "url_verification":
                return Results.Json(new { challenge = SlackPayloads.Text(envelope["challenge"]) ?? "" });
            case "event_callback":
                if (http.Request.Headers.TryGetValue("X-Slack-Retry-Num", out var retry))
                {
                    http.Request.Headers.TryGetValue("X-Slack-Retry-Reason", out var reason);
                    var logger = loggers.CreateLogger("PeerBot.Slack");
                    LogRetry(logger, retry, reason);
                }
                Enqueue(queue, dispatcher, SlackPayloads.FromEvent(envelope));
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    public static IResult Interactions(HttpContext http, SlackWorkers queue, SlackDispatcher dispatcher)
    {
        if (Form(http) is not { } form || !form.TryGetValue("payload", out var json) || SlackPayloads.ParseObject(json) is not { } payload)
        {
            return Results.BadRequest();
        }
        if (SlackPayloads.Text(payload["type"]) == "view_submission"
            && SlackForms.Find(SlackPayloads.Text(SlackPayloads.Field(payload, "view", "callback_id"))) is { } modal
            && modal.Check(SlackForms.Flatten(SlackPayloads.Field(payload, "view", "state", "values") as JsonObject)) is { } errors)
        {
            // Shown under the fields while the modal stays open; nothing is saved.
            return Results.Json(new JsonObject { ["response_action"] = "errors", ["errors"] = errors });
        }
        Enqueue(queue, dispatcher, SlackPayloads.FromInteraction(payload));
        return Results.Ok();
    }

    private static void Enqueue(SlackWorkers queue, SlackDispatcher dispatcher, SlackInbound inbound)
    {
        if (inbound.Kind != SlackInboundKind.Ignored)
        {
            queue.Enqueue($"{inbound.TeamId}/{inbound.ConversationId}", cancellationToken => dispatcher.HandleAsync(inbound, cancellationToken));
        }
    }

    private static SlackRequestBody Body(HttpContext http) =>
        http.Features.Get<SlackRequestBody>() ?? throw new InvalidOperationException("Slack endpoints run behind SlackRequestFilter.");

    /// <summary>The form fields, or null when the body breaks the form reader's limits (too many fields, a key too long).</summary>
    private static Dictionary<string, string>? Form(HttpContext http)
    {
        using var reader = new FormReader(Body(http).Text);
        try
        {
            return reader.ReadForm().ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retried an event (attempt {Retry}, {Reason}); repeats are dropped by event_id")]
    private static partial void LogRetry(ILogger logger, Microsoft.Extensions.Primitives.StringValues retry, Microsoft.Extensions.Primitives.StringValues reason);
}
