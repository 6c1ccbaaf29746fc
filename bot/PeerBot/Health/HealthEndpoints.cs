using PeerBot.Matching;
using PeerBot.Storage;

namespace PeerBot.Health;

public static class HealthEndpoints
{
    /// <summary>GET /healthz: 200 when storage answers, 503 when it does not (App Service health checks use it).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", async (TableProvisioner storage, PeerDirectory directory, CancellationToken cancellationToken) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var reachable = await storage.IsReachableAsync(timeout.Token);
            var body = new { status = reachable ? "healthy" : "unhealthy", storage = reachable ? "reachable" : "unreachable", peers = directory.Count };
            return Results.Json(body, statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
