using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using PeerBot.Storage;

namespace PeerBot.Nudges;

/// <summary>
/// The work queue every instance takes due jobs from. A received message stays invisible for the visibility
/// timeout; if its instance dies before deleting it, it becomes visible again and another instance retries it.
/// Messages that keep failing move to the poison queue, where they are kept, never dropped.
/// </summary>
public sealed class QueuedJobs
{
    private readonly QueueClient _work;
    private readonly QueueClient _poison;
    private readonly Lazy<Task> _created;

    public QueuedJobs(IOptions<StorageOptions> storage, TableNames names, StorageCalls calls)
    {
        var options = new QueueClientOptions { Retry = { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(15) } };
        options.AddPolicy(calls, Azure.Core.HttpPipelinePosition.PerRetry);
        _work = new QueueClient(storage.Value.ConnectionString, names.NudgeQueue, options);
        _poison = new QueueClient(storage.Value.ConnectionString, names.NudgePoisonQueue, options);
        _created = new Lazy<Task>(async () =>
        {
            await _work.CreateIfNotExistsAsync();
            await _poison.CreateIfNotExistsAsync();
        });
    }

    public Task EnsureCreatedAsync() => _created.Value;

    public async Task EnqueueAsync(IReadOnlyList<NudgeJob> jobs, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await _work.SendMessageAsync(NudgeJob.ToMessage(jobs, Telemetry.PeerBotTelemetry.CurrentTraceParent()), cancellationToken);
    }

    public async Task<QueueMessage[]> ReceiveAsync(int count, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        return (await _work.ReceiveMessagesAsync(count, visibilityTimeout, cancellationToken)).Value;
    }

    public async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _work.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Its visibility ran out and another instance took it: that instance finishes it (and the ledger holds).
        }
    }

    /// <summary>Moves a message that failed too often to the poison queue (copy first, so it cannot vanish).</summary>
    public async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await _poison.SendMessageAsync(message.MessageText, cancellationToken);
        await DeleteAsync(message, cancellationToken);
    }

    /// <summary>Puts poisoned work back on the work queue (after the cause was fixed); returns how many.</summary>
    public async Task<int> ReplayPoisonAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var moved = 0;
        while (true)
        {
            var batch = (await _poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                return moved;
            }
            foreach (var message in batch)
            {
                await _work.SendMessageAsync(message.MessageText, cancellationToken);
                await _poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }
    }

    /// <summary>About how many messages wait on the work queue.</summary>
    public async Task<int> PendingAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var pending = (await _work.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        Telemetry.PeerBotTelemetry.QueueDepth("nudges", pending);
        return pending;
    }

    public async Task<(int Work, int Poison)> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var work = (await _work.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        var poison = (await _poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        Telemetry.PeerBotTelemetry.QueueDepth("nudges", work);
        Telemetry.PeerBotTelemetry.QueueDepth("nudges-poison", poison);
        return (work, poison);
    }
}
