using PeerBot.Conversations;

namespace PeerBot.Stats;

public static class StatsSetup
{
    public static IServiceCollection AddStats(this IServiceCollection services)
    {
        services.AddSingleton<Admins>();
        services.AddSingleton<NetworkStatistics>();
        services.AddSingleton<IChatCommand, StatsCommand>();
        return services;
    }
}
