using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PeerBot.Matching;
using PeerBot.Storage;

namespace PeerBot.Tests.Matching;

public class MatchingSetupTests
{
    private static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:RefreshSeconds"] = "2" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStorage(configuration);
        more?.Invoke(services);
        services.AddMatching();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Matching_registers_one_directory_its_loader_and_the_refresh_setting()
    {
        using var provider = Services();
        Assert.Same(provider.GetRequiredService<PeerDirectory>(), provider.GetRequiredService<PeerDirectory>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is DirectoryLoader);
        Assert.Equal(2, provider.GetRequiredService<IOptions<MatchingOptions>>().Value.RefreshSeconds);
    }

    [Fact]
    public void Exclusions_registered_by_other_features_reach_the_directory()
    {
        using var provider = Services(s => s.AddSingleton<IPeerExclusions>(new Paused("paused")));
        var directory = provider.GetRequiredService<PeerDirectory>();
        directory.Upsert(PeerDirectoryTests.Member("paused", "VP Marketing", "A"));
        directory.Upsert(PeerDirectoryTests.Member("active", "VP Marketing", "B"));
        var found = directory.Search(new SearchRequest("VP marketing", null, null, null, null)).Matches.Select(m => m.Peer.Id);
        Assert.Equal(["active"], found);
    }

    private sealed class Paused(string id) : IPeerExclusions
    {
        public bool Excludes(string? askerId, string peerId) => peerId == id;
    }
}
