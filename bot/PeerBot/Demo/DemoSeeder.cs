using System.Diagnostics;
using Microsoft.Extensions.Options;
using PeerBot.Profiles;

namespace PeerBot.Demo;

/// <summary>
/// Loads the demo network at start-up when asked to and when storage holds no profile yet, so that
/// a local run answers /findpeer at once while a real network is never touched.
/// </summary>
public sealed partial class DemoSeeder(ProfileStore profiles, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }
        if (!await profiles.IsEmptyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var count = await SeedAsync(cancellationToken);
        var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogSeeded(logger, count, DemoOrganizations.All.Count, milliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes (or rewrites) every demo profile and returns how many.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var network = DemoNetwork.Generate(clock.GetUtcNow());
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallelism),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(network, parallel, async (leader, ct) =>
            await profiles.SaveAsync(leader.Peer, null, ct, overwrite: true));
        return network.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo network seeded: {Count} profiles across {Organizations} organizations in {Milliseconds} ms")]
    private static partial void LogSeeded(ILogger logger, int count, int organizations, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo network not seeded: storage already holds profiles")]
    private static partial void LogSkipped(ILogger logger);
}
