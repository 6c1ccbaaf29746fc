using Azure;
using Azure.Data.Tables;

namespace PeerBot.Storage;

/// <summary>Creates every table at start-up, and answers whether storage is reachable.</summary>
public sealed partial class TableProvisioner(TableServiceClient service, TableNames names, ILogger<TableProvisioner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in names.All)
        {
            await service.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        }
        LogReady(logger, TableCount);
    }

    private int TableCount => names.All.Count();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }
            return true;
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {Count} tables")]
    private static partial void LogReady(ILogger logger, int count);
}
