using Microsoft.Extensions.Options;

namespace PeerBot.Nudges.Pacing;

/// <summary>
/// Every instance says it is alive every few seconds and counts the others, so that each one takes its share
/// of a tenant's rate: with two instances, each sends at most half of the 50 requests a second.
/// </summary>
public sealed partial class InstanceRoster(NudgeState state, OutboundPacer pacer, NudgeInstance instance, TimeProvider clock, IOptions<NudgeOptions> options, ILogger<InstanceRoster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = options.Value.HeartbeatInterval;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    pacer.Instances = await state.HeartbeatAsync(instance.Id, interval * 3, stoppingToken);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
                {
                    LogHeartbeatFailed(logger, e.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed ({ExceptionType})")]
    private static partial void LogHeartbeatFailed(ILogger logger, string exceptionType);
}
