using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Matching;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Matching;

/// <summary>
/// Two instances share one profiles table in Azurite: "here" runs the loader, "elsewhere" stands for another bot
/// instance. Every request the loader's instance makes is counted.
/// </summary>
public sealed class DirectoryLoaderTests : IAsyncLifetime, IDisposable
{
    private static readonly ChangeLogOptions Changes = new() { Settle = TimeSpan.FromSeconds(10) };
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly PeerDirectory _directory = new();
    private readonly StorageCounter _counter = new();
    private TableNames _names = null!;
    private ChangeLog _elsewhereLog = null!;
    private ProfileStore _here = null!;
    private ProfileStore _elsewhere = null!;
    private DirectoryLoader _loader = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        var counted = new TableServiceClient(Azurite.ConnectionString, options);
        var service = new TableServiceClient(Azurite.ConnectionString);
        _names = new TableNames(Azurite.UniquePrefix("loader"));
        await service.GetTableClient(_names.Profiles).CreateIfNotExistsAsync();
        await service.GetTableClient(_names.Changes).CreateIfNotExistsAsync();
        var hereLog = ChangeLogs.For(counted, _names, _time, Changes);
        _elsewhereLog = ChangeLogs.For(service, _names, _time, Changes);
        _here = new ProfileStore(counted, _names, hereLog);
        _elsewhere = new ProfileStore(service, _names, _elsewhereLog);
        _loader = new DirectoryLoader(_directory, _here, hereLog, Options.Create(new MatchingOptions { RefreshSeconds = 5, FullResyncMinutes = 60 }), _time, NullLogger<DirectoryLoader>.Instance);
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

    /// <summary>
    /// Moves the clock one poll interval (5 s) at a time and waits for each poll, so that no poll is still running when
    /// this returns; the changes those polls applied, added up.
    /// </summary>
    private async Task<int> PollAfter(TimeSpan wait)
    {
        var applied = 0;
        for (var step = TimeSpan.Zero; step < wait; step += Interval)
        {
            var poll = NextPoll();
            _time.Advance(Interval);
            applied += await poll;
        }
        return applied;
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
    public async Task A_profile_saved_by_another_instance_arrives_once_its_change_record_has_settled()
    {
        await _loader.StartAsync(CancellationToken.None);
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);

        // Five seconds on, the record is younger than the settle time: not read yet.
        Assert.Equal(0, await PollAfter(TimeSpan.FromSeconds(5)));
        Assert.Empty(Search("VP marketing"));
        Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(10)));
        Assert.Equal(["a"], Search("VP marketing"));

        // A change made elsewhere is picked up the same way.
        var stored = await _elsewhere.GetAsync("a", CancellationToken.None);
        await _elsewhere.SaveAsync(stored!.Peer with { Title = "VP Engineering" }, stored.ETag, CancellationToken.None);
        Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(15)));
        Assert.Empty(Search("VP marketing"));
        Assert.Equal(["a"], Search("VP engineering"));
    }

    [Fact]
    public async Task A_profile_deleted_by_another_instance_leaves_with_the_next_settled_poll()
    {
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        await _elsewhere.SaveAsync(Member("b", "VP Marketing"), null, CancellationToken.None);
        // Records younger than the settle time at start-up are read again after the full load; these are older.
        _time.Advance(TimeSpan.FromSeconds(15));
        await _loader.StartAsync(CancellationToken.None);
        Assert.Equal(2, _directory.Count);
        await _elsewhere.DeleteAsync("a", CancellationToken.None);

        Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(15)));
        Assert.Equal(["b"], Search("VP marketing"));
    }

    [Fact]
    public async Task A_poll_when_nothing_changed_reads_no_row_and_asks_the_profiles_table_nothing()
    {
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        await _loader.StartAsync(CancellationToken.None);
        await PollAfter(TimeSpan.FromSeconds(15));
        _counter.Reset();

        Assert.Equal(0, await PollAfter(TimeSpan.FromSeconds(5)));
        var changes = _counter.For("Changes");
        Assert.InRange(changes.Reads, 1, 2); // the cursor's minute, and the next one when the poll spans a minute boundary
        Assert.Equal(0, changes.Rows);
        Assert.Equal(0, _counter.For("Profiles").Requests);

        // Three changes: three change rows and three profile reads, nothing else.
        for (var i = 0; i < 3; i++)
        {
            await _elsewhere.SaveAsync(Member("n" + i, "CFO"), null, CancellationToken.None);
        }
        _counter.Reset();
        Assert.Equal(3, await PollAfter(TimeSpan.FromSeconds(15)));
        Assert.Equal(3, _counter.For("Changes").Rows);
        Assert.Equal((3, 3), (_counter.For("Profiles").Reads, _counter.For("Profiles").Rows));
    }

    [Fact]
    public async Task A_write_that_ends_after_a_reader_took_its_record_is_announced_again()
    {
        await _loader.StartAsync(CancellationToken.None);
        var peer = Member("slow", "VP Marketing");
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(_names.Profiles);

        await _elsewhereLog.RecordAsync(ProfileStore.Stream, peer.Id, ChangeKinds.Saved, [peer.Id], async () =>
        {
            // The writer stalls past the settle time: a reader takes the record and finds no row yet.
            Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(15)));
            Assert.Empty(Search("VP marketing"));
            await table.AddEntityAsync(ProfileStore.ToEntity(peer));
        }, CancellationToken.None);

        // The writer noticed how long its write took and wrote a second record, which brings the profile in.
        Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(15)));
        Assert.Equal(["slow"], Search("VP marketing"));
    }

    [Fact]
    public async Task A_writer_that_dies_after_its_change_record_costs_one_read_and_changes_nothing()
    {
        await _elsewhere.SaveAsync(Member("a", "VP Marketing"), null, CancellationToken.None);
        await _loader.StartAsync(CancellationToken.None);

        // The record is written first; the process "dies" before the row is.
        await Assert.ThrowsAsync<OperationCanceledException>(() => _elsewhereLog.RecordAsync(ProfileStore.Stream, "a", ChangeKinds.Deleted, ["a"],
            () => throw new OperationCanceledException("the process died"), CancellationToken.None));

        Assert.Equal(1, await PollAfter(TimeSpan.FromSeconds(15)));
        Assert.Equal(["a"], Search("VP marketing"));
    }
}
