using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerBot.Profiles;

namespace PeerBot.Matching;

public static class MatchingSetup
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        // The loader follows the one ProfileStore everyone writes through (it needs AddStorage()).
        services.TryAddSingleton<ProfileStore>();
        services.TryAddSingleton<MemberProfiles>();
        services.TryAddSingleton(_ => new RoleReader(Taxonomy.Default));
        // Features that pause, block or introduce members add their own IPeerExclusions; until then, none.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPeerExclusions, NoExclusions>());
        services.AddSingleton(sp => new PeerDirectory(sp.GetRequiredService<RoleReader>(), sp.GetServices<IPeerExclusions>(), sp.GetService<IPeerStanding>()));
        services.AddSingleton<INetworkSize>(sp => sp.GetRequiredService<PeerDirectory>());
        services.AddSingleton<IKnownPeers>(sp => sp.GetRequiredService<PeerDirectory>());
        services.AddHostedService<DirectoryLoader>();
        services.AddSingleton<UnreadQueries>();
        services.AddSingleton<IUnreadSearches>(sp => sp.GetRequiredService<UnreadQueries>());
        services.AddHostedService<UnreadQueryFlusher>();
        services.AddSingleton<Conversations.IChatCommand, FindPeerCommand>();
        return services;
    }
}
