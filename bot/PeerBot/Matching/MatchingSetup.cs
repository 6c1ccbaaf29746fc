namespace PeerBot.Matching;

public static class MatchingSetup
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddSingleton<PeerDirectory>();
        services.AddHostedService<DirectoryLoader>();
        services.AddSingleton<Conversations.IChatCommand, FindPeerCommand>();
        return services;
    }
}
