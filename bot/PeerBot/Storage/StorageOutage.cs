using Azure;
using Azure.Data.Tables;

namespace PeerBot.Storage;

/// <summary>Tells a storage outage (after the client's own retries) apart from an answer the service gave.</summary>
public static class StorageOutage
{
    public static bool Is(Exception e, CancellationToken cancellationToken) => e switch
    {
        // Status 0: no HTTP response at all (refused, reset, DNS).
        RequestFailedException r => r.Status == 0 || r.Status >= 500,
        // The retry policy reports every failed attempt together.
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => Is(i, cancellationToken)),
        // A network timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };

    public static StorageUnavailableException Unavailable(TableClient table, Exception e) =>
        new($"Table storage is unavailable (table '{table.Name}' at {table.Uri.GetLeftPart(UriPartial.Authority)}): {e.Message}", e);
}
