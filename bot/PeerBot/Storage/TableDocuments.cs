using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace PeerBot.Storage;

/// <summary>A JSON document as stored, with the ETag to pass back for a conditional write.</summary>
public sealed record StoredDocument(string Json, ETag ETag);

/// <summary>
/// JSON documents under any string key, one table row each. A string property holds at most 32K UTF-16
/// characters, so a document is split across several properties; a row holds at most 1 MiB, which caps a
/// document at roughly 500K characters. A write is one row operation, so it lands whole or not at all.
/// </summary>
public sealed class TableDocuments(TableClient table)
{
    /// <summary>Row size limit, counted the way Azure Tables counts it (UTF-16 strings, per-property overhead).</summary>
    public const long MaxRowBytes = 1024 * 1024;

    // Below the 32,768-character property limit with room for the service's own accounting.
    internal const int PartChars = 32_000;
    internal const string PartsProperty = "Parts";

    public async Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Bucket(key), TableKeys.Escape(key), cancellationToken: cancellationToken);
            return row.HasValue ? new StoredDocument(DocumentRow.Join(key, row.Value!), row.Value!.ETag) : null;
        }
        catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
        {
            throw StorageOutage.Unavailable(table, e);
        }
    }

    /// <summary>
    /// Writes a document if its row still has <paramref name="expected"/> (<see cref="ETag.All"/>: whatever it
    /// has, creating it if absent) and returns the new ETag. A lost race throws <see cref="ConcurrentEditException"/>.
    /// </summary>
    public async Task<ETag> WriteAsync(string key, string json, ETag expected, CancellationToken cancellationToken = default)
    {
        var row = DocumentRow.Split(key, json);
        return await SendAsync(key, row, expected == ETag.All
            ? () => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)
            : () => table.UpdateEntityAsync(row, expected, TableUpdateMode.Replace, cancellationToken), cancellationToken);
    }

    /// <summary>Creates a document; throws <see cref="ConcurrentEditException"/> if the key already has one.</summary>
    public async Task<ETag> InsertAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        var row = DocumentRow.Split(key, json);
        return await SendAsync(key, row, () => table.AddEntityAsync(row, cancellationToken), cancellationToken);
    }

    /// <summary>Deletes a document, if it still has <paramref name="expected"/> when given. Unknown keys are a no-op.</summary>
    public async Task DeleteAsync(string key, ETag? expected = null, CancellationToken cancellationToken = default)
    {
        try
        {
            // The client already treats "no such row" as success.
            await table.DeleteEntityAsync(TableKeys.Bucket(key), TableKeys.Escape(key), expected ?? ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrentEditException($"Document '{key}' changed since it was read; not deleted.", e);
        }
        catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
        {
            throw StorageOutage.Unavailable(table, e);
        }
    }

    private async Task<ETag> SendAsync(string key, TableEntity row, Func<Task<Response>> send, CancellationToken cancellationToken)
    {
        try
        {
            var response = await send();
            return response.Headers.ETag ?? throw new InvalidOperationException("The table service returned no ETag.");
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && e.ErrorCode == TableErrorCode.ResourceNotFound.ToString()))
        {
            // 404 on a conditional write: the row was deleted after it was read, which is a lost race too.
            throw new ConcurrentEditException($"Document '{key}' changed, appeared or was deleted since it was read; not written.", e);
        }
        catch (RequestFailedException e) when (e.ErrorCode == TableErrorCode.EntityTooLarge.ToString() || e.ErrorCode == TableErrorCode.PropertyValueTooLarge.ToString())
        {
            throw new DocumentTooLargeException(key, DocumentRow.Bytes(row), MaxRowBytes, e);
        }
        catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
        {
            throw StorageOutage.Unavailable(table, e);
        }
    }
}
