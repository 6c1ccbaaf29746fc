using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

public sealed class StorageSetupTests
{
    [Fact]
    public async Task Every_table_is_provisioned_under_the_configured_prefix_at_start()
    {
        var prefix = Azurite.UniquePrefix("setup");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddStorage(configuration).BuildServiceProvider();

        await services.GetRequiredService<TableProvisioner>().StartAsync(CancellationToken.None);

        var names = services.GetRequiredService<TableNames>();
        var existing = new List<string>();
        await foreach (var table in new TableServiceClient(Azurite.ConnectionString).QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0))
        {
            existing.Add(table.Name);
        }
        Assert.Equal(names.All.Order(StringComparer.Ordinal), existing.Order(StringComparer.Ordinal));
        Assert.All(existing, name => Assert.StartsWith(prefix, name, StringComparison.Ordinal));
        // The Bot Framework's state store (and its table) is gone: nothing used it.
        Assert.DoesNotContain(prefix + "BotState", existing);
    }
}
