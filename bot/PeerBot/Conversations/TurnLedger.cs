using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>
/// Remembers which activities were handled, so a channel's retry of the same activity (same id) does nothing twice:
/// one insert per turn, no read first (a repeat fails the insert with 409). A turn that fails is forgotten again, so
/// the retry can still do the work. Turn rows are kept by the day the channel sent the activity, in
/// <see cref="Buckets"/> partitions per day, and expire: whole days older than <see cref="Kept"/> are deleted by
/// their known partition keys (<see cref="SweepDayAsync"/>), never by scanning the table. It also holds the few things
/// that happen once per member (<see cref="TryMarkAsync"/>), which never expire, and which this instance remembers
/// in memory once it has seen them.
/// </summary>
public sealed class TurnLedger(TableServiceClient service, TableNames names, TimeProvider clock) : IDisposable
{
    /// <summary>Turn rows live at least this long (one day more at most): far beyond any channel's redelivery.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>Partitions per day, by the member's <see cref="TableKeys.Bucket"/> (00 to 3F): no partition runs hot.</summary>
    public const int Buckets = 64;

    private static readonly TimeSpan MarksRemembered = TimeSpan.FromHours(1);
    private readonly TableClient _table = service.GetTableClient(names.Turns);
    private readonly MemoryCache _marks = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>False when this activity was seen before (a duplicate delivery).</summary>
    public async Task<bool> TryBeginAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(TurnRow(turn), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task ForgetAsync(ChatTurn turn, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(PartitionOf(turn), RowOf(turn), ETag.All, cancellationToken);

    /// <summary>
    /// Records the delivery for <paramref name="claimant"/> (a durable work item). False when it was recorded before
    /// by someone else (a repeat); true again for the same claimant, whose earlier attempt died before it finished.
    /// </summary>
    public async Task<bool> TryClaimAsync(ChatTurn turn, string claimant, CancellationToken cancellationToken)
    {
        var row = TurnRow(turn);
        row["Claimant"] = claimant;
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, ["Claimant"], cancellationToken);
            return found.HasValue && found.Value!.GetString("Claimant") == claimant;
        }
    }

    /// <summary>
    /// Marks something that happens once per member (a welcome); false when it was marked before. The row sits in the
    /// member's own partition, so their erasure removes it too. Once this instance knows a mark, it asks no more.
    /// </summary>
    public async Task<bool> TryMarkAsync(string memberId, string mark, CancellationToken cancellationToken)
    {
        if (_marks.TryGetValue((memberId, mark), out _))
        {
            return false;
        }
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(memberId), MarkRow(mark)) { ["SeenAt"] = clock.GetUtcNow() }, cancellationToken);
            Remember(memberId, mark);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            Remember(memberId, mark);
            return false;
        }
    }

    /// <summary>Takes a mark back (what it stood for did not happen after all).</summary>
    public Task UnmarkAsync(string memberId, string mark, CancellationToken cancellationToken)
    {
        _marks.Remove((memberId, mark));
        return _table.DeleteEntityAsync(TableKeys.Escape(memberId), MarkRow(mark), ETag.All, cancellationToken);
    }

    /// <summary>
    /// Erases the member's marks and every turn of theirs still kept (their privacy request): their own partition, and
    /// their bucket of each day that may still hold turns.
    /// </summary>
    public async Task ForgetMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var partitions = new List<string> { TableKeys.Escape(memberId) };
        var today = Day(clock.GetUtcNow());
        for (var day = today.AddDays(-(Kept.Days + 2)); day <= today.AddDays(1); day = day.AddDays(1))
        {
            partitions.Add(DayPartition(day, TableKeys.Bucket(memberId)));
        }
        foreach (var partition in partitions)
        {
            var filter = partition.StartsWith(DayPrefix, StringComparison.Ordinal)
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Member eq {memberId}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
        foreach (var mark in KnownMarks)
        {
            _marks.Remove((memberId, mark));
        }
    }

    /// <summary>The oldest day whose turns are still kept; days before it may be swept.</summary>
    public DateOnly OldestKeptDay() => DateOnly.FromDateTime((clock.GetUtcNow() - Kept).UtcDateTime.Date);

    /// <summary>Deletes every turn row of one day (its <see cref="Buckets"/> partitions, by their keys); returns how many.</summary>
    public async Task<int> SweepDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            var partition = DayPartition(day, bucket.ToString("X2", CultureInfo.InvariantCulture));
            var rows = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
            foreach (var batch in rows.Chunk(100))
            {
                try
                {
                    await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException)
                {
                    // Another instance swept some of them first.
                    foreach (var row in batch)
                    {
                        await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    }
                }
            }
            deleted += rows.Count;
        }
        return deleted;
    }

    public void Dispose() => _marks.Dispose();

    // Marks are few and named in code; erasure forgets each of them from memory.
    private static readonly string[] KnownMarks = ["welcomed"];

    private void Remember(string memberId, string mark) =>
        _marks.Set((memberId, mark), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MarksRemembered });

    private TableEntity TurnRow(ChatTurn turn)
    {
        var now = clock.GetUtcNow();
        return new TableEntity(PartitionOf(turn), RowOf(turn))
        {
            ["SeenAt"] = now,
            ["Member"] = turn.From.PeerId,
            ["ExpiresAfter"] = new DateTimeOffset(DayOf(turn).AddDays(Kept.Days + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        };
    }

    private const string DayPrefix = "turns|";

    /// <summary>
    /// The day the channel sent the activity: a repeat delivery carries the same timestamp, so it finds the same
    /// partition whenever it arrives. A timestamp far from now (or none) gives way to the time of arrival.
    /// </summary>
    private DateOnly DayOf(ChatTurn turn)
    {
        var now = clock.GetUtcNow();
        var at = turn.SentAt is { } sent && (now - sent).Duration() < TimeSpan.FromHours(12) ? sent : now;
        return Day(at);
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    // A member id always names its channel ("msteams:…", "slack:…"), so no member's partition starts with "turns|".
    private static string DayPartition(DateOnly day, string bucket) =>
        DayPrefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "|" + bucket;

    private string PartitionOf(ChatTurn turn) => DayPartition(DayOf(turn), TableKeys.Bucket(turn.From.PeerId));

    private static string RowOf(ChatTurn turn) => TableKeys.Escape($"{turn.ConversationId}|{turn.ActivityId}");

    // A turn's row always holds a '|'; a mark's never does, so the two cannot meet.
    private static string MarkRow(string mark) => TableKeys.Escape(mark.Replace('|', '-'));
}
