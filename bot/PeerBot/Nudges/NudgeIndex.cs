using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// Finds a member's nudge rows that are keyed by something else (timers by due minute, other members' "already
/// offered" lists, channel schedules they set), so that erasing a member reads one partition instead of scanning
/// tables. One partition per member; each row names a table and the row there. An index row is written before the
/// row it points to, so it can only ever point to a row that is gone (harmless), never miss one.
/// </summary>
public sealed class NudgeIndex(TableServiceClient service, TableNames names)
{
    public const string Timer = "timer";
    public const string Shown = "shown";
    public const string Channel = "channel";

    private readonly TableClient _table = service.GetTableClient(names.NudgeIndex);

    /// <summary>
    /// Notes that <paramref name="memberId"/> is named in the row (<paramref name="partitionKey"/>, <paramref name="rowKey"/>)
    /// of <paramref name="table"/>. With <paramref name="latestOnly"/>, a later note for the same row key in another
    /// partition replaces this one (timers: a job's next due minute replaces its last), so the index does not grow.
    /// </summary>
    public Task NoteAsync(string memberId, string kind, string table, string partitionKey, string rowKey, CancellationToken cancellationToken, bool latestOnly = false, string? about = null) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(memberId), $"{kind}|{Hash(table, latestOnly ? "" : partitionKey, rowKey)}")
        {
            ["Table"] = table,
            ["PK"] = partitionKey,
            ["RK"] = rowKey,
            ["About"] = about,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every row noted for the member: one partition.</summary>
    public async Task<IReadOnlyList<IndexedRow>> ForMemberAsync(string memberId, CancellationToken cancellationToken)
    {
        var rows = new List<IndexedRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new IndexedRow(row.RowKey.Split('|')[0], row.GetString("Table") ?? "", row.GetString("PK") ?? "", row.GetString("RK") ?? "", row.GetString("About"), row));
        }
        return rows;
    }

    /// <summary>Removes the note that <paramref name="memberId"/> is named in a row, without reading it first.</summary>
    public Task ForgetNoteAsync(string memberId, string kind, string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(TableKeys.Escape(memberId), $"{kind}|{Hash(table, partitionKey, rowKey)}", ETag.All, cancellationToken);

    public Task RemoveAsync(TableEntity index, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(index.PartitionKey, index.RowKey, ETag.All, cancellationToken);

    // Escaped keys can reach 512 bytes each: a hash keeps the index's own row key short.
    private static string Hash(string table, string partitionKey, string rowKey) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{table}\n{partitionKey}\n{rowKey}")))[..32];
}

/// <summary>One row an index entry points to; <see cref="About"/> is the other member it concerns, when there is one.</summary>
public sealed record IndexedRow(string Kind, string Table, string PartitionKey, string RowKey, string? About, TableEntity Index);
