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

/// <summary>
/// Per-member counters for the intro limits, changed only through ETag-guarded read-modify-write, so
/// that parallel requests can never push a member past a limit. Every write is announced in the
/// <see cref="ChangeLog"/> (stream <see cref="Stream"/>), so that other instances learn who became busy.
/// </summary>
public sealed class IntroLedgers(TableServiceClient service, TableNames names, ChangeLog changes) : IDisposable
{
    /// <summary>The change stream of ledgers; a record's key and only member is the member id.</summary>
    public const string Stream = "ledgers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(names.IntroductionLedgers);
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<IntroLedger> GetAsync(string memberId, CancellationToken cancellationToken) =>
        (await ReadAsync(memberId, cancellationToken)).Ledger;

    /// <summary>
    /// Applies <paramref name="change"/> atomically. The change returns null to refuse (a limit is hit), in
    /// which case nothing is written and false is returned.
    /// </summary>
    public async Task<bool> TryChangeAsync(string memberId, Func<IntroLedger, IntroLedger?> change, CancellationToken cancellationToken) =>
        await ChangeAsync(memberId, change, cancellationToken) is not null;

    /// <summary>
    /// As <see cref="TryChangeAsync"/>, returning the ledger as written (null when refused). The ledger this instance
    /// last wrote or read is changed without reading it first (its ETag guards the write), and a member with none in
    /// memory is first taken to have none (the insert fails if they do); a refusal is only ever decided on a fresh
    /// read. Only a change of whether the member is saturated is announced in the change records: that is all other
    /// instances follow (<see cref="BusyPeers"/>).
    /// </summary>
    public async Task<IntroLedger?> ChangeAsync(string memberId, Func<IntroLedger, IntroLedger?> change, CancellationToken cancellationToken)
    {
        var fresh = false;
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
            var entity = new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId))
            {
                ["Ledger"] = JsonSerializer.Serialize(changed, Json),
                ["MemberId"] = memberId,
                ["PendingIncomingCount"] = changed.PendingIncoming.Count,
            };
            Func<Task<Response>> write = () => etag is { } current
                ? _table.UpdateEntityAsync(entity, current, TableUpdateMode.Replace, cancellationToken)
                : _table.AddEntityAsync(entity, cancellationToken);
            try
            {
                var response = Saturated(ledger) == Saturated(changed)
                    ? await write()
                    : await changes.RecordAsync(Stream, memberId, ChangeKinds.Saved, [memberId], write, cancellationToken);
                Remember(memberId, changed, response.Headers.ETag);
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

    /// <summary>Members whose pending incoming requests are at the cap (left out of search results). Reads the whole table: at start-up only.</summary>
    public async Task<HashSet<string>> SaturatedAsync(CancellationToken cancellationToken)
    {
        var saturated = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PendingIncomingCount ge {IntroRules.MaxPendingIncoming}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            saturated.Add(Unescape(row));
        }
        return saturated;
    }

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken)
    {
        _known.Remove(memberId);
        return changes.RecordAsync(Stream, memberId, ChangeKinds.Deleted, [memberId],
            () => _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken), cancellationToken);
    }

    private async Task<(IntroLedger Ledger, ETag? ETag)> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return (IntroLedger.Empty, null);
        }
        var ledger = JsonSerializer.Deserialize<IntroLedger>(row.Value!.GetString("Ledger") ?? "{}", Json) ?? IntroLedger.Empty;
        ledger = ledger with { SentAt = ledger.SentAt ?? [], PendingIncoming = ledger.PendingIncoming ?? [] };
        Remember(memberId, ledger, row.Value.ETag);
        return (ledger, row.Value.ETag);
    }

    public void Dispose() => _known.Dispose();

    private static string Unescape(TableEntity row) => row.GetString("MemberId") ?? row.RowKey;
}
