using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>
/// Messages for members the bot could not reach yet, delivered in order on their next turn.
/// <para>Which members have messages waiting is held in memory, so a turn reads the outbox only when something waits:
/// the whole (small) table's keys once at start-up, then this instance's own writes at once and other instances'
/// through the change records (stream <see cref="Stream"/>). Until the start-up read is done, every turn reads the
/// outbox as before.</para>
/// <para>Each message names the members it speaks of, and each of those gets a note in
/// <see cref="TableNames.OutboxAbout"/> (partition: that member, row: the message), written before the message, so
/// that erasing a member reads their notes and deletes what they point to, never the whole outbox. A note may outlive
/// its message (harmless); no message lacks its notes.</para>
/// </summary>
public sealed partial class Outbox(TableServiceClient service, TableNames names, ChangeLog changes, TimeProvider clock, ILogger<Outbox> logger) : BackgroundService
{
    /// <summary>The change stream of waiting messages; a record's key and only member is the recipient.</summary>
    public const string Stream = "outbox";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private const string Meta = "~meta";
    private const string Indexed = "indexed";
    private readonly TableClient _table = service.GetTableClient(names.Outbox);
    private readonly TableClient _about = service.GetTableClient(names.OutboxAbout);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);
    private volatile bool _known;
    private readonly ChangeFollower _follower = new(changes, Stream);

    /// <summary>True when a message may wait for the member (false only when this instance knows nothing waits).</summary>
    public bool MayHaveWaiting(string memberId) => !_known || _waiting.ContainsKey(memberId);

    public async Task EnqueueAsync(string memberId, BotReply reply, IReadOnlyList<string> about, CancellationToken cancellationToken)
    {
        var (kind, body) = reply switch
        {
            CardReply card => ("card", new JsonObject { ["template"] = card.Template, ["data"] = card.Data.DeepClone(), ["summary"] = card.Summary }),
            TextReply text => ("text", new JsonObject { ["text"] = text.Text }),
            _ => throw new ArgumentOutOfRangeException(nameof(reply)),
        };
        // Row keys sort by time so the member reads messages in the order they were written.
        var rowKey = $"{clock.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}";
        await NoteAsync(TableKeys.Escape(memberId), rowKey, about.Select(TableKeys.Escape), cancellationToken);
        var row = new TableEntity(TableKeys.Escape(memberId), rowKey)
        {
            ["Kind"] = kind,
            ["Body"] = body.ToJsonString(),
            ["About"] = About(about),
            ["MemberId"] = memberId,
        };
        await changes.RecordAsync(Stream, memberId, ChangeKinds.Saved, [memberId], () => _table.AddEntityAsync(row, cancellationToken), cancellationToken);
        // Flagged after the row is written: a delivery that cleared the flag before this still reads the row.
        _waiting[memberId] = 0;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ChangeFollower.RunAsync(RefreshInterval, clock, RefreshAsync, e => LogRefreshFailed(logger, e.GetType().Name), stoppingToken);

    private Task RefreshAsync(CancellationToken cancellationToken) => _follower.PollAsync(
        async ct =>
        {
            // Only keys: the outbox holds what could not be delivered yet, which is little.
            await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "MemberId"], cancellationToken: ct))
            {
                if (row.GetString("MemberId") is { } member)
                {
                    _waiting[member] = 0;
                }
                else
                {
                    // Rows written before the member id was kept on them: their members are read every turn.
                    _known = false;
                    return;
                }
            }
            _known = true;
        },
        (batch, _) =>
        {
            foreach (var member in batch.Keys)
            {
                _waiting[member] = 0;
            }
            return Task.CompletedTask;
        },
        cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh who has messages waiting ({ExceptionType}); trying again")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);

    /// <summary>Withdraws waiting messages that speak of a member (their erasure): reads that member's notes only.</summary>
    public async Task WithdrawAboutAsync(string memberId, CancellationToken cancellationToken)
    {
        var about = TableKeys.Escape(memberId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {about}");
        var notes = new List<TableEntity>();
        await foreach (var note in _about.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Recipient", "Message"], cancellationToken: cancellationToken))
        {
            notes.Add(note);
        }
        foreach (var note in notes)
        {
            var recipient = note.GetString("Recipient") ?? "";
            var message = note.GetString("Message") ?? "";
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(recipient, message, select: ["About"], cancellationToken: cancellationToken);
            if (row.HasValue)
            {
                await _table.DeleteEntityAsync(recipient, message, ETag.All, cancellationToken);
                // The message's other notes name the recipient: they go too.
                await UnnoteAsync(recipient, message, row.Value!.GetString("About"), cancellationToken);
            }
            await _about.DeleteEntityAsync(note.PartitionKey, note.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <summary>
    /// Notes the messages written before notes existed, once per table (a marker row says it was done). The one scan of
    /// the outbox it costs is at start-up, not at each erasure; the outbox holds only what waits for a member's next turn.
    /// </summary>
    public async Task NoteExistingAsync(CancellationToken cancellationToken)
    {
        if ((await _about.GetEntityIfExistsAsync<TableEntity>(Meta, Indexed, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "About"], cancellationToken: cancellationToken))
        {
            await NoteAsync(row.PartitionKey, row.RowKey, Split(row.GetString("About")), cancellationToken);
        }
        await _about.UpsertEntityAsync(new TableEntity(Meta, Indexed), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>What waits for the member, for their export.</summary>
    public async Task<List<JsonNode?>> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var waiting = new List<JsonNode?>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Body"], cancellationToken: cancellationToken))
        {
            waiting.Add(JsonNode.Parse(row.GetString("Body") ?? "null"));
        }
        return waiting;
    }

    /// <summary>Deletes what waits for the member (their erasure).</summary>
    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "About"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            // Notes elsewhere name this member as the recipient: erased with the message.
            await UnnoteAsync(row.PartitionKey, row.RowKey, row.GetString("About"), cancellationToken);
        }
    }

    // "|a|b|": the escaped ids of the members a message speaks of.
    private static string About(IEnumerable<string> ids) => "|" + string.Join('|', ids.Select(TableKeys.Escape)) + "|";

    private static IEnumerable<string> Split(string? about) =>
        (about ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal);

    private static string NoteKey(string recipient, string message) => recipient + "|" + message;

    private async Task NoteAsync(string recipient, string message, IEnumerable<string> about, CancellationToken cancellationToken)
    {
        foreach (var member in about.Distinct(StringComparer.Ordinal))
        {
            await _about.UpsertEntityAsync(new TableEntity(member, NoteKey(recipient, message)) { ["Recipient"] = recipient, ["Message"] = message },
                TableUpdateMode.Replace, cancellationToken);
        }
    }

    private async Task UnnoteAsync(string recipient, string message, string? about, CancellationToken cancellationToken)
    {
        foreach (var member in Split(about))
        {
            await _about.DeleteEntityAsync(member, NoteKey(recipient, message), ETag.All, cancellationToken);
        }
    }

    /// <summary>Sends everything waiting for the member through this turn's replies, deleting each once sent.</summary>
    public async Task<int> DeliverAsync(string memberId, IReplyChannel replies, CancellationToken cancellationToken)
    {
        if (!MayHaveWaiting(memberId))
        {
            return 0;
        }
        // Cleared before reading: a message written meanwhile sets it again (see EnqueueAsync).
        _waiting.TryRemove(memberId, out _);
        var delivered = 0;
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                await replies.SendAsync(Read(row), cancellationToken);
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                await UnnoteAsync(row.PartitionKey, row.RowKey, row.GetString("About"), cancellationToken);
                delivered++;
            }
        }
        catch
        {
            _waiting[memberId] = 0;
            throw;
        }
        return delivered;
    }

    private static BotReply Read(TableEntity row)
    {
        var body = JsonNode.Parse(row.GetString("Body") ?? "{}")!.AsObject();
        return row.GetString("Kind") == "card"
            ? new CardReply(body["template"]!.GetValue<string>(), body["data"]!.AsObject(), body["summary"]?.GetValue<string>() ?? "")
            : new TextReply(body["text"]?.GetValue<string>() ?? "");
    }
}
