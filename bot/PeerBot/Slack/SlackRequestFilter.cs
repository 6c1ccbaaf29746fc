using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>The raw body of a request whose Slack signature checked out.</summary>
public sealed record SlackRequestBody(byte[] Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
}

/// <summary>
/// Runs before every Slack endpoint: reads the raw body and checks its signature and timestamp. Anything
/// unsigned, forged or stale gets a 401 and the endpoint never runs.
/// </summary>
public sealed partial class SlackRequestFilter(IOptionsMonitor<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestFilter> logger) : IEndpointFilter
{
    public const int MaxBodyBytes = 512 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var body = await ReadAsync(http.Request.Body, http.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var secret = options.CurrentValue.SigningSecret ?? "";
        var headers = http.Request.Headers;
        if (!SlackSignature.IsValid(secret, headers[SlackSignature.TimestampHeader], headers[SlackSignature.SignatureHeader], body, clock.GetUtcNow()))
        {
            LogRejected(logger, http.Request.Path, secret.Length == 0 ? "no signing secret is configured" : "bad signature or timestamp");
            return Results.Unauthorized();
        }
        http.Features.Set(new SlackRequestBody(body));
        return await next(context);
    }

    private static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
