using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Conversations;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Conversations;

/// <summary>The turn ledger against Azurite: repeats refused by one insert, turns kept by day, expired days swept by key.</summary>
public sealed class TurnLedgerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 9, 23, 59, 0, TimeSpan.Zero));
    private readonly TableNames _names = new(Azurite.UniquePrefix("turnledger"));
    private readonly StorageCounter _counter = new();
    private TableServiceClient _service = null!;
    private TurnLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, Azure.Core.HttpPipelinePosition.PerRetry);
        _service = new TableServiceClient(Azurite.ConnectionString, options);
        await _service.CreateTableIfNotExistsAsync(_names.Turns);
        _ledger = new TurnLedger(_service, _names, _clock);
    }

    public Task DisposeAsync()
    {
        _ledger.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_repeat_delivered_after_midnight_is_still_a_repeat_and_costs_one_call()
    {
        var turn = Turn("m1", "a1", sentAt: _clock.GetUtcNow());
        Assert.True(await _ledger.TryBeginAsync(turn, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(3));
        _counter.Reset();
        Assert.False(await _ledger.TryBeginAsync(turn, CancellationToken.None));
        Assert.Equal(1, _counter.For("Turns").Requests);
    }

    [Fact]
    public async Task Expired_days_are_swept_by_their_keys_and_the_marks_and_recent_turns_stay()
    {
        Assert.True(await _ledger.TryBeginAsync(Turn("m1", "old-1", _clock.GetUtcNow()), CancellationToken.None));
        Assert.True(await _ledger.TryBeginAsync(Turn("m2", "old-2", _clock.GetUtcNow()), CancellationToken.None));
        Assert.True(await _ledger.TryMarkAsync("msteams:m1", "welcomed", CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await _ledger.TryBeginAsync(Turn("m1", "new-1", _clock.GetUtcNow()), CancellationToken.None));

        var sweeper = new TurnSweeper(_ledger, _clock, NullLogger<TurnSweeper>.Instance);
        _counter.Reset();
        Assert.Equal(2, await sweeper.SweepAsync(CancellationToken.None));

        // One query per partition of each expired day looked at (a week back after a start), each reading only its
        // own rows: the two expired turns, never the mark or the kept turn, as a scan would.
        var turns = _counter.For("Turns");
        Assert.Equal(8 * TurnLedger.Buckets, turns.Reads);
        Assert.Equal(2, turns.Rows);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        var left = new List<string>();
        await foreach (var row in _service.GetTableClient(_names.Turns).QueryAsync<TableEntity>())
        {
            left.Add(row.RowKey);
        }
        Assert.Equal(2, left.Count);
        Assert.Contains("welcomed", left);
        Assert.Contains(left, r => r.EndsWith("new-1", StringComparison.Ordinal));
        // The mark is still known: no second welcome.
        Assert.False(await new TurnLedger(_service, _names, _clock).TryMarkAsync("msteams:m1", "welcomed", CancellationToken.None));
    }

    [Fact]
    public async Task A_members_erasure_removes_their_turns_of_every_kept_day_and_their_marks()
    {
        Assert.True(await _ledger.TryBeginAsync(Turn("gone", "a1", _clock.GetUtcNow()), CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await _ledger.TryBeginAsync(Turn("gone", "a2", _clock.GetUtcNow()), CancellationToken.None));
        Assert.True(await _ledger.TryBeginAsync(Turn("stays", "a3", _clock.GetUtcNow()), CancellationToken.None));
        Assert.True(await _ledger.TryMarkAsync("msteams:gone", "welcomed", CancellationToken.None));

        await _ledger.ForgetMemberAsync("msteams:gone", CancellationToken.None);

        var left = new List<string>();
        await foreach (var row in _service.GetTableClient(_names.Turns).QueryAsync<TableEntity>())
        {
            left.Add(row.GetString("Member") ?? row.PartitionKey);
        }
        Assert.Equal(["msteams:stays"], left);
        // Welcomed anew after their erasure.
        Assert.True(await _ledger.TryMarkAsync("msteams:gone", "welcomed", CancellationToken.None));
    }

    private static ChatTurn Turn(string user, string activityId, DateTimeOffset sentAt) =>
        new(new Member("msteams", user, "tenant", null, null), "a:personal-" + user, true, "help", (JsonObject?)null, activityId) { SentAt = sentAt };
}
