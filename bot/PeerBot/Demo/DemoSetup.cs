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
        return services;
    }
}
