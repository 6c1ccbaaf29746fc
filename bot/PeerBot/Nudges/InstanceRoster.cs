using Microsoft.Extensions.Options;
using PeerBot.Outbound;

namespace PeerBot.Nudges;

/// <summary>
/// Every instance says it is alive every few seconds and counts the others, so that each one takes its share
/// of the limits a platform counts for the whole bot (<see cref="OutboundLimits"/>): with two instances, each sends
/// at most half of a tenant's 50 requests a second.
/// </summary>
public sealed partial class InstanceRoster(NudgeState state, OutboundLimits limits, NudgeInstance instance, TimeProvider clock, IOptions<NudgeOptions> options, ILogger<InstanceRoster> logger) : BackgroundService
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
                    limits.Instances = await state.HeartbeatAsync(instance.Id, interval * 3, stoppingToken);
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
