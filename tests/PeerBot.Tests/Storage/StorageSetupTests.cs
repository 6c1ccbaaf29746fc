using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

public sealed class StorageSetupTests
{
    [Fact]
    public async Task Bot_state_goes_to_the_provisioned_bot_state_table()
    {
        var prefix = Azurite.UniquePrefix("setup");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddStorage(configuration).BuildServiceProvider();
        await services.GetRequiredService<TableProvisioner>().StartAsync(CancellationToken.None);

        var storage = services.GetRequiredService<IStorage>();
        await storage.WriteAsync(new Dictionary<string, object> { ["conv/1"] = new IntroNote { Author = "Ana" } });

        Assert.Same(storage, services.GetRequiredService<IStorage>());
        Assert.IsType<TableBotStorage>(storage);
        var rows = TestTables.Service.GetTableClient(prefix + "BotState").QueryAsync<Azure.Data.Tables.TableEntity>();
        Assert.Equal(1, await rows.CountAsync());
        Assert.Equal("Ana", Assert.IsType<IntroNote>((await storage.ReadAsync(["conv/1"]))["conv/1"]).Author);
    }
}
