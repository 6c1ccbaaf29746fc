using PeerBot.Conversations;

namespace PeerBot.Stats;

public static class StatsSetup
{
    public static IServiceCollection AddStats(this IServiceCollection services)
    {
        services.AddSingleton<Admins>();
        services.AddSingleton<NetworkStatistics>();
        services.AddSingleton<ChartLinks>();
        services.AddSingleton<IChatCommand, StatsCommand>();
        return services;
    }

    /// <summary>GET /stats/chart/{token}.png: the statistics chart for a link the bot put into a Slack message.</summary>
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet($"/{ChartLinks.Path}/{{token}}.png", (string token, ChartLinks charts) =>
            charts.Open(token) is { } counts
                ? Results.File(BarChart.Render(counts), "image/png")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This chart link is not valid or has expired."));
        return endpoints;
    }
}
