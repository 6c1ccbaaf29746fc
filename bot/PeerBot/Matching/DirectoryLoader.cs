using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>Fills the directory from storage at start-up and follows every profile this instance writes.</summary>
public sealed partial class DirectoryLoader(PeerDirectory directory, ProfileStore store, ILogger<DirectoryLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        store.Saved += directory.Upsert;
        store.Deleted += directory.Remove;
        await foreach (var (peer, _) in store.ListAsync(null, cancellationToken))
        {
            directory.Upsert(peer);
        }
        LogLoaded(logger, directory.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Saved -= directory.Upsert;
        store.Deleted -= directory.Remove;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory loaded: {Count} profiles")]
    private static partial void LogLoaded(ILogger logger, int count);
}
