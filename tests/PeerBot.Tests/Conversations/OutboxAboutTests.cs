using Azure.Core;
using Azure.Data.Tables;
using PeerBot.Conversations;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Conversations;

/// <summary>Erasing a member withdraws the waiting messages that speak of them by reading their notes, never the whole outbox.</summary>
public sealed class OutboxAboutTests : IAsyncLifetime
{
    private readonly StorageCounter _counter = new();
    private TableServiceClient _service = null!;
    private TableNames _names = null!;
    private Outbox _outbox = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        _service = new TableServiceClient(Azurite.ConnectionString);
        _names = new TableNames(Azurite.UniquePrefix("outboxabout"));
        await _service.GetTableClient(_names.Outbox).CreateIfNotExistsAsync();
        await _service.GetTableClient(_names.OutboxAbout).CreateIfNotExistsAsync();
        var counted = new TableServiceClient(Azurite.ConnectionString, options);
        await _service.GetTableClient(_names.Changes).CreateIfNotExistsAsync();
        _outbox = new Outbox(counted, _names, ChangeLogs.For(counted, _names), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Outbox>.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> WaitingFor(string member)
    {
        var texts = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(member)}");
        await foreach (var row in _service.GetTableClient(_names.Outbox).QueryAsync<TableEntity>(filter))
        {
            texts.Add(row.GetString("Body") ?? "");
        }
        return texts;
    }

    private async Task<int> RowsIn(string table)
    {
        var count = 0;
        await foreach (var _ in _service.GetTableClient(table).QueryAsync<TableEntity>())
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task Withdrawing_reads_the_members_notes_and_leaves_every_other_message()
    {
        for (var i = 0; i < 30; i++)
        {
            await _outbox.EnqueueAsync($"msteams:u-{i}", new TextReply($"about someone else {i}"), [$"msteams:other-{i}"], CancellationToken.None);
        }
        await _outbox.EnqueueAsync("msteams:u-1", new TextReply("Xena asks for an intro"), ["msteams:xena"], CancellationToken.None);
        await _outbox.EnqueueAsync("msteams:u-2", new TextReply("You're connected with Xena and Yuri"), ["msteams:xena", "msteams:yuri"], CancellationToken.None);
        _counter.Reset();

        await _outbox.WithdrawAboutAsync("msteams:xena", CancellationToken.None);

        Assert.Equal(["{\"text\":\"about someone else 1\"}"], await WaitingFor("msteams:u-1"));
        Assert.Equal(["{\"text\":\"about someone else 2\"}"], await WaitingFor("msteams:u-2"));
        // One query of Xena's notes; two point reads of the messages they point to; no query of the outbox.
        Assert.Equal(1, _counter.For("OutboxAbout").Reads);
        Assert.Equal(2, _counter.For("Outbox").Reads);
        Assert.Equal(2, _counter.For("Outbox").Rows);
        // Xena's notes and the withdrawn message's note under Yuri are gone; the other 30 messages keep theirs.
        Assert.Equal(30, await RowsIn(_names.OutboxAbout));
    }

    [Fact]
    public async Task Delivery_and_the_recipients_erasure_take_their_notes_with_them()
    {
        await _outbox.EnqueueAsync("msteams:u-a", new TextReply("Xena asks for an intro"), ["msteams:xena"], CancellationToken.None);
        await _outbox.EnqueueAsync("msteams:u-b", new TextReply("Xena accepted"), ["msteams:xena"], CancellationToken.None);

        await _outbox.ForgetAsync("msteams:u-a", CancellationToken.None);
        var replies = new RecordingReplies();
        Assert.Equal(1, await _outbox.DeliverAsync("msteams:u-b", replies, CancellationToken.None));

        Assert.Equal(["Xena accepted"], replies.Texts);
        Assert.Equal(0, await RowsIn(_names.OutboxAbout));
    }

    [Fact]
    public async Task Messages_written_before_notes_existed_are_noted_once_at_start_up()
    {
        var table = _service.GetTableClient(_names.Outbox);
        await table.AddEntityAsync(new TableEntity(TableKeys.Escape("msteams:u-old"), "0638000000000000000-old")
        {
            ["Kind"] = "text",
            ["Body"] = "{\"text\":\"Xena asks for an intro\"}",
            ["About"] = "|" + TableKeys.Escape("msteams:xena") + "|",
        });

        await _outbox.NoteExistingAsync(CancellationToken.None);
        _counter.Reset();
        await _outbox.NoteExistingAsync(CancellationToken.None);
        Assert.Equal(0, _counter.For("Outbox").Requests);

        await _outbox.WithdrawAboutAsync("msteams:xena", CancellationToken.None);
        Assert.Empty(await WaitingFor("msteams:u-old"));
    }

    private sealed class RecordingReplies : IReplyChannel
    {
        public List<string> Texts { get; } = [];

        public CardReply? OriginalCard => null;

        public Task SendAsync(BotReply reply, CancellationToken cancellationToken)
        {
            Texts.Add(reply is TextReply text ? text.Text : reply.GetType().Name);
            return Task.CompletedTask;
        }

        public Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken) => SendAsync(card, cancellationToken);
    }
}
