using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerBot.Demo;
using PeerBot.Matching;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Demo;

/// <summary>The seeder against real Table Storage (Azurite), wired as the app wires it.</summary>
public sealed class DemoSeederTests
{
    [Fact]
    public async Task Seeds_the_whole_network_into_empty_storage_at_start_up()
    {
        using var host = Host(seed: true);
        await host.StartAsync();
        try
        {
            var stored = await ListAsync(host);
            var expected = DemoNetwork.Generate(DateTimeOffset.UtcNow);
            Assert.Equal(expected.Count, stored.Count);
            Assert.Equal(expected.Select(l => l.Peer.Id).Order(StringComparer.Ordinal), stored.Select(p => p.Id).Order(StringComparer.Ordinal));
            Assert.All(stored, p => Assert.True(p.IsDemo));
            var sample = stored.Single(p => p.Id == expected[0].Peer.Id);
            Assert.Equal(expected[0].Peer.Title, sample.Title);
            Assert.Equal(expected[0].Peer.Topics, sample.Topics);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Leaves_storage_that_already_holds_profiles_alone()
    {
        using var host = Host(seed: true);
        var store = host.Services.GetRequiredService<ProfileStore>();
        await host.Services.GetRequiredService<TableProvisioner>().StartAsync(CancellationToken.None);
        var member = new Peer
        {
            Id = "msteams:real-member",
            Name = "Real Member",
            Title = "VP Marketing",
            Organization = "Somewhere",
            OrganizationKey = "name:somewhere",
        };
        await store.SaveAsync(member, null, CancellationToken.None);

        await host.StartAsync();
        try
        {
            var stored = await ListAsync(host);
            Assert.Equal("msteams:real-member", Assert.Single(stored).Id);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Does_nothing_unless_asked_to()
    {
        using var host = Host(seed: false);
        await host.StartAsync();
        try
        {
            Assert.True(await host.Services.GetRequiredService<ProfileStore>().IsEmptyAsync(CancellationToken.None));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Seeded_network_answers_a_search_for_vp_marketing_with_peers_from_several_organizations()
    {
        using var host = Host(seed: true);
        await host.StartAsync();
        try
        {
            var directory = new PeerDirectory();
            foreach (var peer in await ListAsync(host))
            {
                directory.Upsert(peer);
            }
            var outcome = directory.Search(new SearchRequest("VP marketing", "msteams:someone", "domain:asker.example", "asker.example", null));
            Assert.True(outcome.Understood);
            Assert.True(outcome.Matches.Count >= 3, $"{outcome.Matches.Count} matches");
            Assert.True(outcome.Matches.Select(m => m.Peer.OrganizationKey).Distinct().Count() >= 3);
            Assert.All(outcome.Matches, m => Assert.Contains("Marketing", m.Peer.Title, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost Host(bool seed)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniquePrefix("demo"),
            ["Demo:Seed"] = seed ? "true" : "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddSingleton<ProfileStore>();
        builder.Services.AddDemo(builder.Configuration);
        return builder.Build();
    }

    private static async Task<List<Peer>> ListAsync(IHost host)
    {
        var peers = new List<Peer>();
        await foreach (var peer in host.Services.GetRequiredService<ProfileStore>().ListAsync(CancellationToken.None))
        {
            peers.Add(peer);
        }
        return peers;
    }
}
