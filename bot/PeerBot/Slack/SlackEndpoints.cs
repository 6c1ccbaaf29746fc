using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>
/// The three request URLs Slack calls. Each writes the request to the durable backlog and answers at once (Slack
/// wants an answer within 3 seconds and retries otherwise); the <see cref="SlackWorkers"/> do the work. Signatures were
/// checked by <see cref="SlackRequestFilter"/> before any of this runs.
/// </summary>
public static partial class SlackEndpoints
{
    public static async Task<IResult> Commands(HttpContext http, SlackWorkers workers, ILoggerFactory loggers)
    {
        if (Form(http) is not { } form)
        {
            return Results.BadRequest();
        }
        return await AcceptAsync(workers, SlackPayloads.FromCommand(form), loggers, http.RequestAborted) switch
        {
            Accepted.Yes => Results.Ok(),
            Accepted.TooLarge => TooLarge(),
            // A command's answer body is shown to the member who typed it: they can try again.
            _ => Results.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = Apologies.StorageUnavailable }),
        };
    }

    public static async Task<IResult> Events(HttpContext http, SlackWorkers workers, ILoggerFactory loggers)
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
                    var logger = Logger(loggers);
                    LogRetry(logger, retry, reason);
                }
                return Answer(await AcceptAsync(workers, SlackPayloads.FromEvent(envelope), loggers, http.RequestAborted));
            default:
                return Results.Ok();
        }
    }

    public static async Task<IResult> Interactions(HttpContext http, SlackWorkers workers, ILoggerFactory loggers)
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
        return Answer(await AcceptAsync(workers, SlackPayloads.FromInteraction(payload), loggers, http.RequestAborted));
    }

    private enum Accepted
    {
        Yes,
        TooLarge,
        StorageUnavailable,
    }

    /// <summary>Writes the work to the backlog. Anything but <see cref="Accepted.Yes"/> means Slack must not be told it was received.</summary>
    private static async Task<Accepted> AcceptAsync(SlackWorkers workers, SlackInbound inbound, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (inbound.Kind == SlackInboundKind.Ignored)
        {
            return Accepted.Yes;
        }
        try
        {
            await workers.AcceptAsync(inbound, cancellationToken);
            return Accepted.Yes;
        }
        catch (SlackWorkTooLargeException)
        {
            return Accepted.TooLarge;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or TimeoutException or AggregateException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var logger = Logger(loggers);
            LogNotKept(logger, e.GetType().Name);
            return Accepted.StorageUnavailable;
        }
    }

    // Slack sends an unacknowledged event again later, and marks a failed button or form so the member tries again.
    private static IResult Answer(Accepted accepted) => accepted switch
    {
        Accepted.Yes => Results.Ok(),
        Accepted.TooLarge => TooLarge(),
        _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PeerBot cannot store the request right now.", detail: "Try again in a minute."),
    };

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large to keep.", detail: "Send a shorter message.");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("PeerBot.Slack");

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

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack request could not be written to the backlog ({ExceptionType}); it was not acknowledged")]
    private static partial void LogNotKept(ILogger logger, string exceptionType);
}
