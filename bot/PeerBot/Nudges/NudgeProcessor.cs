using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using PeerBot.Conversations;
using PeerBot.Telemetry;

namespace PeerBot.Nudges;

/// <summary>
/// Works one queue message: plan the send, record its dedupe key, send, record the outcome, finish the
/// bookkeeping, delete the message. A failure leaves the message to come back after its visibility timeout;
/// one that keeps failing goes to the poison queue.
/// </summary>
public sealed partial class NudgeProcessor(
    QueuedJobs queue,
    Deliveries deliveries,
    IEnumerable<INudgeJobHandler> handlers,
    MemberMessenger messenger,
    IEnumerable<IChannelPoster> posters,
    NudgeInstance instance,
    IOptions<NudgeOptions> options,
    ILogger<NudgeProcessor> logger)
{
    private readonly Dictionary<string, INudgeJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var jobs = NudgeJob.TryParseMessage(message.MessageText, out var traceParent);
        using var span = PeerBotTelemetry.StartConsumer("nudge.process", traceParent);
        if (message.InsertedOn is { } inserted)
        {
            PeerBotTelemetry.QueueWaited("nudges", DateTimeOffset.UtcNow - inserted);
        }
        if (jobs is null || jobs.Any(j => !_handlers.ContainsKey(j.Kind)) || message.DequeueCount > options.Value.MaxDequeueCount)
        {
            LogPoisoned(logger, message.MessageId, message.DequeueCount);
            await queue.PoisonAsync(message, cancellationToken);
            return;
        }
        // A watchdog in wall-clock time: whatever hangs (storage, the connector), the message's jobs give up well
        // before it becomes visible again, so that the retry never races a send still in progress here.
        using var watchdog = new CancellationTokenSource(options.Value.VisibilityTimeout * 0.75, TimeProvider.System);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        var finished = true;
        foreach (var job in jobs)
        {
            try
            {
                // A job that cannot finish now keeps the message; the jobs done meanwhile find their sends recorded
                // when it comes back, and only that one runs again.
                finished &= await RunAsync(job, _handlers[job.Kind], budget.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, job.Kind, e.GetType().Name, message.DequeueCount, e);
                finished = false;
                if (budget.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        if (finished)
        {
            await queue.DeleteAsync(message, cancellationToken);
        }
    }

    /// <summary>Runs the job; false when it must stay on the queue (another attempt holds its send right now).</summary>
    public async Task<bool> RunAsync(NudgeJob job, INudgeJobHandler handler, CancellationToken cancellationToken)
    {
        var plan = await handler.PlanAsync(job, cancellationToken);
        if (plan is null)
        {
            PeerBotTelemetry.Nudge(job.Kind, "skipped");
            return true;
        }
        var (claim, status) = await deliveries.ClaimAsync(job, instance.Id, options.Value.VisibilityTimeout * 0.75, cancellationToken);
        if (claim == ClaimResult.HeldElsewhere)
        {
            // Possibly our own message, come back while its first attempt still hangs: keep it, and decide when it
            // returns again (by then the send is recorded, or the claim has expired and may be taken over).
            return false;
        }
        DeliveryOutcome outcome;
        if (claim == ClaimResult.Done)
        {
            outcome = Enum.TryParse<DeliveryOutcome>(status, out var earlier) ? earlier : DeliveryOutcome.Delivered;
            PeerBotTelemetry.Nudge(job.Kind, "duplicate");
        }
        else
        {
            try
            {
                outcome = await SendAsync(plan, cancellationToken);
            }
            catch
            {
                // Not delivered (or not known to be): give the key back so that the retry sends.
                await deliveries.ReleaseAsync(job, CancellationToken.None);
                throw;
            }
            await deliveries.CompleteAsync(job, outcome.ToString(), CancellationToken.None);
            PeerBotTelemetry.Nudge(job.Kind, outcome == DeliveryOutcome.Delivered ? "sent" : outcome.ToString().ToLowerInvariant());
        }
        await plan.AfterAsync(outcome, cancellationToken);
        return true;
    }

    private async Task<DeliveryOutcome> SendAsync(DeliveryPlan plan, CancellationToken cancellationToken)
    {
        if (plan.MemberId is { } member)
        {
            return await messenger.DeliverNowAsync(member, plan.Reply, cancellationToken);
        }
        var channel = plan.Channel!;
        var poster = posters.FirstOrDefault(p => p.Reaches(channel));
        if (poster is null)
        {
            LogNoPoster(logger, channel.Kind);
            return DeliveryOutcome.Unreachable;
        }
        return await poster.PostAsync(channel, plan.Reply, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nudge job {Kind} failed with {ExceptionType} (receipt {DequeueCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, string kind, string exceptionType, long dequeueCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} moved to the poison queue after {DequeueCount} receipts")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No channel poster for {Kind} channels is registered")]
    private static partial void LogNoPoster(ILogger logger, string kind);
}

