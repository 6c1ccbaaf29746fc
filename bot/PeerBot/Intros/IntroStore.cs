using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Intros;

/// <summary>
/// Introductions in Table Storage: one row per pair (the source of truth, written with ETags), and an index
/// row per member and pair so a member's intros and history can be listed from one partition (<see cref="IntroIndex"/>;
/// written with the member's ledger by <see cref="IntroLedgers"/>). Every write and
/// delete of a pair row is announced in the <see cref="ChangeLog"/> (stream <see cref="Stream"/>).
/// </summary>
public sealed class IntroStore(TableServiceClient service, TableNames names, ChangeLog changes)
{
    /// <summary>The change stream of introductions; a record's key is the pair key, its members the requester and the peer.</summary>
    public const string Stream = "intros";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Raised after this instance deleted intros or index rows of these members.</summary>
    public event Action<IReadOnlyList<string>>? Changed;

    /// <summary>Raised after this instance wrote an introduction (both members' index rows are written by then).</summary>
    public event Action<Introduction>? Saved;

    private readonly TableClient _pairs = service.GetTableClient(names.Introductions);
    private readonly TableClient _index = service.GetTableClient(names.IntroductionIndex);

    public async Task<(Introduction Intro, ETag ETag)?> GetAsync(string pairKey, CancellationToken cancellationToken)
    {
        // Keys come back from card buttons: anything not shaped like one of ours names no introduction.
        if (pairKey.Length != 32 || !pairKey.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var row = await _pairs.GetEntityIfExistsAsync<TableEntity>(pairKey[..2], pairKey, cancellationToken: cancellationToken);
        return row.HasValue ? (Read(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Writes a new round; null ETag means the pair must not exist yet. Throws <see cref="ConcurrentEditException"/> when another write won.</summary>
    public async Task SaveAsync(Introduction intro, ETag? expected, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(intro.PairKey[..2], intro.PairKey)
        {
            ["Round"] = intro.Round,
            ["RequesterId"] = intro.RequesterId,
            ["PeerId"] = intro.PeerId,
            ["Note"] = intro.Note,
            ["State"] = intro.State.ToString(),
            ["History"] = JsonSerializer.Serialize(intro.History, Json),
            ["RequestActivityId"] = intro.RequestActivityId,
            ["SnoozedAt"] = intro.SnoozedAt,
            ["RequestedAt"] = intro.RequestedAt,
            ["RelayedBy"] = intro.RelayedBy.Count == 0 ? null : JsonSerializer.Serialize(intro.RelayedBy, Json),
        };
        try
        {
            await changes.RecordAsync(Stream, intro.PairKey, ChangeKinds.Saved, [intro.RequesterId, intro.PeerId], () => expected is { } etag
                ? _pairs.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : _pairs.AddEntityAsync(entity, cancellationToken), cancellationToken);
            Saved?.Invoke(intro);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && expected is not null))
        {
            // 404 on a conditional write: the pair was erased (a member was forgotten) after it was read.
            throw new ConcurrentEditException("The introduction changed in the meantime.", e);
        }
    }

    /// <summary>Every introduction the member takes part in, in any state.</summary>
    public async IAsyncEnumerable<Introduction> ForMemberAsync(string memberId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A row whose pair does not exist (a request refused after its index row was written) is passed over.
        await foreach (var row in _index.QueryAsync<TableEntity>(IntroIndex.PairsOf(memberId), cancellationToken: cancellationToken))
        {
            if (await GetAsync(row.RowKey, cancellationToken) is { } found)
            {
                yield return found.Intro;
            }
        }
    }

    /// <summary>Every pair's introduction (for network statistics).</summary>
    public async IAsyncEnumerable<Introduction> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in _pairs.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            yield return Read(row);
        }
    }

    /// <summary>Open requests made before <paramref name="before"/>: candidates for expiry.</summary>
    public async IAsyncEnumerable<(Introduction Intro, ETag ETag)> RequestedBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = nameof(IntroState.Requested);
        var filter = TableClient.CreateQueryFilter($"State eq {state} and RequestedAt lt {before}");
        await foreach (var row in _pairs.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return (Read(row), row.ETag);
        }
    }

    /// <summary>Deletes a pair's row and both members' index rows for it.</summary>
    public async Task DeletePairAsync(Introduction intro, CancellationToken cancellationToken)
    {
        await changes.RecordAsync(Stream, intro.PairKey, ChangeKinds.Deleted, [intro.RequesterId, intro.PeerId],
            () => _pairs.DeleteEntityAsync(intro.PairKey[..2], intro.PairKey, ETag.All, cancellationToken), cancellationToken);
        await _index.DeleteEntityAsync(TableKeys.Escape(intro.RequesterId), intro.PairKey, ETag.All, cancellationToken);
        await _index.DeleteEntityAsync(TableKeys.Escape(intro.PeerId), intro.PairKey, ETag.All, cancellationToken);
        Changed?.Invoke([intro.RequesterId, intro.PeerId]);
    }

    /// <summary>Removes every trace of a member from the index (their pair rows are handled by the caller, their ledger by <see cref="IntroLedgers"/>).</summary>
    public async Task DeleteIndexAsync(string memberId, CancellationToken cancellationToken)
    {
        await foreach (var row in _index.QueryAsync<TableEntity>(IntroIndex.PairsOf(memberId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        Changed?.Invoke([memberId]);
    }

    private static Introduction Read(TableEntity row) => new()
    {
        PairKey = row.RowKey,
        Round = row.GetInt32("Round") ?? 1,
        RequesterId = row.GetString("RequesterId") ?? "",
        PeerId = row.GetString("PeerId") ?? "",
        Note = row.GetString("Note") ?? "",
        State = Enum.Parse<IntroState>(row.GetString("State") ?? nameof(IntroState.Requested)),
        History = JsonSerializer.Deserialize<IntroTransition[]>(row.GetString("History") ?? "[]", Json) ?? [],
        RequestActivityId = row.GetString("RequestActivityId") ?? "",
        SnoozedAt = row.GetDateTimeOffset("SnoozedAt"),
        RelayedBy = JsonSerializer.Deserialize<string[]>(row.GetString("RelayedBy") ?? "[]", Json) ?? [],
    };
}
