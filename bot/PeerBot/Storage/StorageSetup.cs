using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PeerBot.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<StorageCalls>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = new TableClientOptions
            {
                // Fail fast: a chat turn must tell the user to try again rather than hang.
                Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10) },
            };
            clientOptions.AddPolicy(sp.GetRequiredService<StorageCalls>(), HttpPipelinePosition.PerRetry);
            return new SignedTables(options.ConnectionString, clientOptions, TimeProvider.System);
        });
        services.AddSingleton(sp => sp.GetRequiredService<SignedTables>().Service);
        services.AddSingleton(sp => new TableNames(sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ChangeLogOptions>().BindConfiguration(ChangeLogOptions.Section);
        services.AddSingleton<ChangeLog>();
        services.AddHostedService<ChangeLogPruner>();
        services.AddSingleton<TableProvisioner>();
        services.AddHostedService(sp => sp.GetRequiredService<TableProvisioner>());
        return services;
    }
}
