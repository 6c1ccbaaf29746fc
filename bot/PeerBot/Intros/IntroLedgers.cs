using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using PeerBot.Storage;

namespace PeerBot.Intros;

/// <summary>What the limits count for one member: requests sent recently, and requests waiting on them.</summary>
public sealed record IntroLedger(IReadOnlyList<DateTimeOffset> SentAt, IReadOnlyList<string> PendingIncoming)
{
    public static readonly IntroLedger Empty = new([], []);
}

/// <summary>A member's part in a pair, written to their index partition together with their ledger.</summary>
public sealed record IntroIndexEntry(string PairKey, string OtherId);

/// <summary>
/// Per-member counters for the intro limits, changed only through ETag-guarded read-modify-write, so that parallel
/// requests can never push a member past a limit. A member's ledger is one row of their own partition of the intro
/// index (<see cref="IntroIndex.LedgerRow"/>), beside the rows naming their pairs, so that a request writes the ledger
/// and the member's index row in one transaction. A change of whether the member is saturated is announced in the
/// <see cref="ChangeLog"/> (stream <see cref="Stream"/>), so that other instances learn who became busy.
/// </summary>
public sealed class IntroLedgers(TableServiceClient service, TableNames names, ChangeLog changes) : IDisposable
{
    /// <summary>The change stream of ledgers; a record's key and only member is the member id.</summary>
    public const string Stream = "ledgers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(names.IntroductionIndex);

    // Where ledgers were kept before they moved beside the index: read until every row there has moved.
    private readonly TableClient _before = service.GetTableClient(names.IntroductionLedgers);
    private volatile bool _moved;
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<IntroLedger> GetAsync(string memberId, CancellationToken cancellationToken) =>
        (await ReadAsync(memberId, cancellationToken)).Ledger;

    /// <summary>
    /// Applies <paramref name="change"/> atomically. The change returns null to refuse (a limit is hit), in
    /// which case nothing is written and false is returned.
    /// </summary>
    public async Task<bool> TryChangeAsync(string memberId, Func<IntroLedger, IntroLedger?> change, CancellationToken cancellationToken, IntroIndexEntry? index = null) =>
        await ChangeAsync(memberId, change, cancellationToken, index) is not null;

    /// <summary>
    /// As <see cref="TryChangeAsync"/>, returning the ledger as written (null when refused). The ledger this instance
    /// last wrote or read is changed without reading it first (its ETag guards the write), and a member with none in
    /// memory is first taken to have none (the insert fails if they do); a refusal is only ever decided on a fresh
    /// read. <paramref name="index"/>, when given, is written in the same transaction as the ledger. Only a change of
    /// whether the member is saturated is announced in the change records: that is all other instances follow
    /// (<see cref="BusyPeers"/>).
    /// </summary>
    public async Task<IntroLedger?> ChangeAsync(string memberId, Func<IntroLedger, IntroLedger?> change, CancellationToken cancellationToken, IntroIndexEntry? index = null)
    {
        // Until the ledgers kept before have moved, a member's ledger may still be there only: read before writing.
        var fresh = !_moved;
        for (var attempt = 0; ; attempt++)
        {
            var (ledger, etag) = fresh ? await ReadAsync(memberId, cancellationToken)
                : _known.TryGetValue(memberId, out Known? known) ? (known!.Ledger, known.ETag)
                : (IntroLedger.Empty, (ETag?)null);
            var changed = change(ledger);
            if (changed is null)
            {
                if (fresh)
                {
                    return null;
                }
                fresh = true;
                continue;
            }
            var row = LedgerEntity(memberId, changed);
            var actions = new List<TableTransactionAction>(2)
            {
                etag is { } current
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current)
                    : new TableTransactionAction(TableTransactionActionType.Add, row),
            };
            if (index is not null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IntroIndex.Row(memberId, index.OtherId, index.PairKey)));
            }
            Func<Task<Response<IReadOnlyList<Response>>>> write = () => _table.SubmitTransactionAsync(actions, cancellationToken);
            try
            {
                var response = Saturated(ledger) == Saturated(changed)
                    ? await write()
                    : await changes.RecordAsync(Stream, memberId, ChangeKinds.Saved, [memberId], write, cancellationToken);
                Remember(memberId, changed, response.Value[0].Headers.ETag);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < 20)
            {
                // Someone else changed (or erased) this member's ledger first, or it existed after all: read again and re-decide.
                _known.Remove(memberId);
                fresh = true;
            }
        }
    }

    private static bool Saturated(IntroLedger ledger) => ledger.PendingIncoming.Count >= IntroRules.MaxPendingIncoming;

    private void Remember(string memberId, IntroLedger ledger, ETag? etag)
    {
        if (etag is { } known)
        {
            _known.Set(memberId, new Known(ledger, known), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }
    }

    private sealed record Known(IntroLedger Ledger, ETag ETag);

    /// <summary>True when the member's pending incoming requests are at the cap.</summary>
    public async Task<bool> IsSaturatedAsync(string memberId, CancellationToken cancellationToken) =>
        (await GetAsync(memberId, cancellationToken)).PendingIncoming.Count >= IntroRules.MaxPendingIncoming;

    /// <summary>
    /// Members whose pending incoming requests are at the cap (left out of search results). Reads the whole index
    /// table with a filter only ledger rows can match: at start-up, and when the change records were lost.
    /// </summary>
    public async Task<HashSet<string>> SaturatedAsync(CancellationToken cancellationToken)
    {
        await MoveEarlierLedgersAsync(cancellationToken);
        var saturated = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {IntroIndex.LedgerRow} and PendingIncomingCount ge {IntroRules.MaxPendingIncoming}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["MemberId"], cancellationToken: cancellationToken))
        {
            saturated.Add(row.GetString("MemberId") ?? "");
        }
        saturated.Remove("");
        return saturated;
    }

    /// <summary>
    /// Moves every ledger still kept in the table used before beside its member's index rows, then deletes it there.
    /// One whose member has a ledger in the new place already was written since, from a read of this one: it stays.
    /// </summary>
    public async Task MoveEarlierLedgersAsync(CancellationToken cancellationToken)
    {
        if (_moved)
        {
            return;
        }
        await foreach (var row in _before.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var memberId = row.GetString("MemberId") ?? row.RowKey;
            var ledger = Parse(row);
            try
            {
                await _table.AddEntityAsync(LedgerEntity(memberId, ledger), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Moved by another instance, or written since from this row.
            }
            await _before.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        _moved = true;
    }

    public async Task DeleteAsync(string memberId, CancellationToken cancellationToken)
    {
        _known.Remove(memberId);
        if (!_moved)
        {
            await _before.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken);
        }
        await changes.RecordAsync(Stream, memberId, ChangeKinds.Deleted, [memberId],
            () => _table.DeleteEntityAsync(TableKeys.Escape(memberId), IntroIndex.LedgerRow, ETag.All, cancellationToken), cancellationToken);
    }

    private async Task<(IntroLedger Ledger, ETag? ETag)> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(memberId), IntroIndex.LedgerRow, cancellationToken: cancellationToken);
        if (row.HasValue)
        {
            var ledger = Parse(row.Value!);
            Remember(memberId, ledger, row.Value!.ETag);
            return (ledger, row.Value.ETag);
        }
        if (!_moved)
        {
            // Not moved yet: the ledger as it was kept before, written to the new place (an insert) on the next change.
            var before = await _before.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
            if (before.HasValue)
            {
                return (Parse(before.Value!), null);
            }
        }
        return (IntroLedger.Empty, null);
    }

    private static IntroLedger Parse(TableEntity row)
    {
        var ledger = JsonSerializer.Deserialize<IntroLedger>(row.GetString("Ledger") ?? "{}", Json) ?? IntroLedger.Empty;
        return ledger with { SentAt = ledger.SentAt ?? [], PendingIncoming = ledger.PendingIncoming ?? [] };
    }

    private static TableEntity LedgerEntity(string memberId, IntroLedger ledger) => new(TableKeys.Escape(memberId), IntroIndex.LedgerRow)
    {
        ["Ledger"] = JsonSerializer.Serialize(ledger, Json),
        ["MemberId"] = memberId,
        ["PendingIncomingCount"] = ledger.PendingIncoming.Count,
    };

    public void Dispose() => _known.Dispose();
}
