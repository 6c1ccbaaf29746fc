using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Matching;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Matching;

/// <summary>Two instances share one profiles table in Azurite: "here" runs the loader, "elsewhere" stands for another bot instance.</summary>
public sealed class DirectoryLoaderTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly PeerDirectory _directory = new();
    private ProfileStore _here = null!;
    private ProfileStore _elsewhere = null!;
    private DirectoryLoader _loader = null!;

    public async Task InitializeAsync()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var names = new TableNames(Azurite.UniquePrefix("loader"));
        await service.GetTableClient(names.Profiles).CreateIfNotExistsAsync();
        _here = new ProfileStore(service, names);
        _elsewhere = new ProfileStore(service, names);
        _loader = new DirectoryLoader(_directory, _here, Options.Create(new MatchingOptions { RefreshSeconds = 5, FullResyncMinutes = 10 }), _time, NullLogger<DirectoryLoader>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _loader.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _loader.Dispose();
        _directory.Dispose();
    }

    private static Peer Member(string id, string title) => PeerDirectoryTests.Member(id, title, "Org " + id);

    private Task<int> NextPoll()
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPolled(int count)
        {
            _loader.Polled -= OnPolled;
            done.TrySetResult(count);
        }
        _loader.Polled += OnPolled;
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private List<string> Search(string query) => [.. _directory.Search(new SearchRequest(query, null, null, null, null, 10)).Matches.Select(m => m.Peer.Id)];

    [Fact]
    public async Task Start_up_loads_every_stored_profile()
    {
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        await _elsewhere.SaveAsync(Member("b", "CFO"), null, CancellationToken.None);
        await _loader.StartAsync(CancellationToken.None);
        Assert.Equal(2, _directory.Count);
        Assert.Equal(["a"], Search("VP marketing"));
    }

    [Fact]
    public async Task A_profile_saved_by_this_instance_is_searchable_at_once()
    {
        await _loader.StartAsync(CancellationToken.None);
        await _here.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        Assert.Equal(["a"], Search("VP marketing"));
        await _here.DeleteAsync("a", CancellationToken.None);
        Assert.Empty(Search("VP marketing"));
    }

    [Fact]
    public async Task A_profile_saved_by_another_instance_arrives_with_the_next_poll()
    {
        await _loader.StartAsync(CancellationToken.None);
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        Assert.Empty(Search("VP marketing"));

        var poll = NextPoll();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await poll >= 1);
        Assert.Equal(["a"], Search("VP marketing"));

        // A change made elsewhere is picked up the same way.
        var stored = await _elsewhere.GetAsync("a", CancellationToken.None);
        await _elsewhere.SaveAsync(stored!.Peer with { Title = "VP Engineering" }, stored.ETag, CancellationToken.None);
        poll = NextPoll();
        _time.Advance(TimeSpan.FromSeconds(5));
        await poll;
        Assert.Empty(Search("VP marketing"));
        Assert.Equal(["a"], Search("VP engineering"));
    }

    [Fact]
    public async Task A_profile_deleted_by_another_instance_goes_at_the_full_resync()
    {
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        await _elsewhere.SaveAsync(Member("b", "VP Marketing"), null, CancellationToken.None);
        await _loader.StartAsync(CancellationToken.None);
        await _elsewhere.DeleteAsync("a", CancellationToken.None);

        var poll = NextPoll();
        _time.Advance(TimeSpan.FromSeconds(5));
        await poll;
        Assert.Equal(2, _directory.Count);

        poll = NextPoll();
        _time.Advance(TimeSpan.FromMinutes(10));
        await poll;
        Assert.Equal(["b"], Search("VP marketing"));
    }
}
