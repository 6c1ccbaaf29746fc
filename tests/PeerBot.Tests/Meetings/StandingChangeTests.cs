using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Meetings;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// Two instances share the meeting members table in Azurite: "here" keeps the standings search reads, "elsewhere"
/// is another instance recording what members did. Here learns of elsewhere's changes through the change records
/// and reads only the members they name, never the table again.
/// </summary>
public sealed class StandingChangeTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly StorageCounter _counter = new();
    private MeetingMemberStore _elsewhere = null!;
    private MeetingStandings _here = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        var counted = new TableServiceClient(Azurite.ConnectionString, options);
        var service = new TableServiceClient(Azurite.ConnectionString);
        var names = new TableNames(Azurite.UniquePrefix("standing"));
        await service.GetTableClient(names.MeetingMembers).CreateIfNotExistsAsync();
        await service.GetTableClient(names.Changes).CreateIfNotExistsAsync();
        var hereLog = ChangeLogs.For(counted, names, _time);
        _elsewhere = new MeetingMemberStore(service, names, ChangeLogs.For(service, names, _time));
        _here = new MeetingStandings(new MeetingMemberStore(counted, names, hereLog), hereLog, _time, NullLogger<MeetingStandings>.Instance);
    }

    public async Task DisposeAsync() => await _here.StopAsync(CancellationToken.None);

    public void Dispose() => _here.Dispose();

    private async Task WaitFor(Func<bool> condition)
    {
        // The refresh runs on the timer's thread: move the clock one interval and give it time to finish.
        for (var i = 0; i < 100 && !condition(); i++)
        {
            _time.Advance(MeetingStandings.RefreshInterval);
            await Task.Delay(100);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task Another_instances_changes_arrive_by_their_records_and_only_the_changed_member_is_read()
    {
        for (var i = 0; i < 20; i++)
        {
            await _elsewhere.UpdateAsync($"m{i}", m => m with { Answered = 1 }, CancellationToken.None);
        }
        // Settled before here starts: its start-up read sees them, and their records are behind its cursor.
        _time.Advance(TimeSpan.FromSeconds(15));
        await _here.StartAsync(CancellationToken.None);
        await WaitFor(() => _here.Points("m19") == 1);
        Assert.Equal(1, _here.Points("m0"));
        var afterStart = _counter.For("MeetingMembers").Rows;
        Assert.Equal(20, afterStart);

        // One member shows up for a meeting, another is forgotten, a third changes nothing search sees.
        await _elsewhere.UpdateAsync("m3", m => m with { Met = 1 }, CancellationToken.None);
        await _elsewhere.DeleteAsync("m7", CancellationToken.None);
        await _elsewhere.UpdateAsync("m9", m => m with { RemindersOff = true }, CancellationToken.None);
        await WaitFor(() => _here.Points("m3") == 2 && _here.Points("m7") == 0);

        Assert.Equal(1, _here.Points("m9"));
        var members = _counter.For("MeetingMembers");
        // The start-up read, then two point reads (m3, m7) and no scan: one more row, the member still there.
        Assert.Equal(3, members.Reads);
        Assert.Equal(21, members.Rows);
    }
}
