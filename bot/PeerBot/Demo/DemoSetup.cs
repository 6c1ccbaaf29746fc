using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PeerBot.Demo;

public static class DemoSetup
{
    /// <summary>
    /// Registers the demo seeder. Hosted services start in registration order, so call this after
    /// AddStorage: the tables must exist before the seeder writes to them.
    /// </summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DemoSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        // Demo leaders are reached here (never through Teams) and, with Demo:Seed, answer intro requests themselves.
        services.AddSingleton<DemoAnswers>();
        services.AddSingleton<Conversations.IChannelMessenger>(sp => sp.GetRequiredService<DemoAnswers>());
        services.AddHostedService(sp => sp.GetRequiredService<DemoAnswers>());
        return services;
    }
}
