using System.Text.Json;
using Azure;
using Azure.Data.Tables;
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
public sealed class IntroLedgers(TableServiceClient service, TableNames names, ChangeLog changes)
{
    /// <summary>The change stream of ledgers; a record's key and only member is the member id.</summary>
    public const string Stream = "ledgers";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(names.IntroductionLedgers);

    public async Task<IntroLedger> GetAsync(string memberId, CancellationToken cancellationToken) =>
        (await ReadAsync(memberId, cancellationToken)).Ledger;

    /// <summary>
    /// Applies <paramref name="change"/> atomically. The change returns null to refuse (a limit is hit), in
    /// which case nothing is written and false is returned.
    /// </summary>
    public async Task<bool> TryChangeAsync(string memberId, Func<IntroLedger, IntroLedger?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (ledger, etag) = await ReadAsync(memberId, cancellationToken);
            var changed = change(ledger);
            if (changed is null)
            {
                return false;
            }
            var entity = new TableEntity(TableKeys.Bucket(memberId), TableKeys.Escape(memberId))
            {
                ["Ledger"] = JsonSerializer.Serialize(changed, Json),
                ["MemberId"] = memberId,
                ["PendingIncomingCount"] = changed.PendingIncoming.Count,
            };
            try
            {
                await changes.RecordAsync(Stream, memberId, ChangeKinds.Saved, [memberId], () => etag is { } known
                    ? _table.UpdateEntityAsync(entity, known, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(entity, cancellationToken), cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404 && attempt < 20)
            {
                // Someone else changed (or erased) this member's ledger first: read again and re-decide.
            }
        }
    }

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

    public Task DeleteAsync(string memberId, CancellationToken cancellationToken) =>
        changes.RecordAsync(Stream, memberId, ChangeKinds.Deleted, [memberId],
            () => _table.DeleteEntityAsync(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), ETag.All, cancellationToken), cancellationToken);

    private async Task<(IntroLedger Ledger, ETag? ETag)> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(memberId), TableKeys.Escape(memberId), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return (IntroLedger.Empty, null);
        }
        var ledger = JsonSerializer.Deserialize<IntroLedger>(row.Value!.GetString("Ledger") ?? "{}", Json) ?? IntroLedger.Empty;
        return (ledger with { SentAt = ledger.SentAt ?? [], PendingIncoming = ledger.PendingIncoming ?? [] }, row.Value.ETag);
    }

    private static string Unescape(TableEntity row) => row.GetString("MemberId") ?? row.RowKey;
}
