using PeerBot.Conversations;

namespace PeerBot.Intros;

public static class IntrosSetup
{
    public static IServiceCollection AddIntros(this IServiceCollection services)
    {
        services.AddSingleton<IntroStore>();
        services.AddSingleton<IntroLedgers>();
        services.AddSingleton<IntroService>();
        services.AddSingleton<Privacy.IMemberData, IntroData>();
        services.AddSingleton<ICardAction, RequestIntroAction>();
        services.AddSingleton<ICardAction, ComposeIntroAction>();
        services.AddSingleton<ICardAction, ComposeRelayAction>();
        services.AddSingleton<ICardAction, RelayMessageAction>();
        foreach (var verb in new[] { IntroVerbs.Accept, IntroVerbs.Decline, IntroVerbs.Snooze, IntroVerbs.Cancel })
        {
            services.AddSingleton<ICardAction>(sp => new MoveIntroAction(verb, sp.GetRequiredService<IntroService>(), sp.GetRequiredService<Profiles.ProfileStore>()));
        }
        services.AddSingleton<IChatCommand, IntrosCommand>();
        services.AddSingleton<IntroHistory>();
        services.AddSingleton<Matching.IAskerHistory>(sp => sp.GetRequiredService<IntroHistory>());
        services.AddHostedService(sp => sp.GetRequiredService<IntroHistory>());
        services.AddSingleton<BusyPeers>();
        services.AddSingleton<Matching.IPeerExclusions>(sp => sp.GetRequiredService<BusyPeers>());
        services.AddHostedService(sp => sp.GetRequiredService<BusyPeers>());
        services.AddOptions<IntroSweepOptions>().BindConfiguration(IntroSweepOptions.Section);
        services.AddHostedService<IntroSweeper>();
        return services;
    }
}
