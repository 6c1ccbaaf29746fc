using Azure.Data.Tables;
using PeerBot.Conversations;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Conversations;

/// <summary>The dialog layer against real Table Storage: state survives between turns, completion clears it.</summary>
public sealed class DialogsTests : IAsyncLifetime
{
    private readonly TableServiceClient _service = new(Azurite.ConnectionString);
    private readonly TableNames _names = new(Azurite.UniquePrefix("dialogs"));
    private DialogStore _store = null!;

    public async Task InitializeAsync()
    {
        await _service.CreateTableIfNotExistsAsync(_names.Dialogs);
        _store = new DialogStore(_service, _names);
    }

    public Task DisposeAsync() => _service.DeleteTableAsync(_names.Dialogs);

    [Fact]
    public async Task A_dialog_keeps_its_state_across_turns_until_it_completes()
    {
        var dialogs = new Dialogs([new CountToThree()], _store);
        var replies = new RecordingReplies();

        await dialogs.BeginAsync("count", Turn("start"), replies, CancellationToken.None);
        Assert.True(await dialogs.ContinueAsync(Turn("one"), replies, CancellationToken.None));
        Assert.True(await dialogs.ContinueAsync(Turn("two"), replies, CancellationToken.None));
        Assert.True(await dialogs.IsActiveAsync(Turn("x"), "count", CancellationToken.None));
        Assert.True(await dialogs.ContinueAsync(Turn("three"), replies, CancellationToken.None));

        Assert.Equal(["0", "1", "2", "3 done"], replies.Texts);
        Assert.False(await dialogs.IsActiveAsync(Turn("x"), "count", CancellationToken.None));
        Assert.False(await dialogs.ContinueAsync(Turn("four"), replies, CancellationToken.None));
    }

    [Fact]
    public async Task A_turn_the_dialog_does_not_handle_leaves_it_active_and_unchanged()
    {
        var dialogs = new Dialogs([new CountToThree()], _store);
        var replies = new RecordingReplies();
        await dialogs.BeginAsync("count", Turn("start"), replies, CancellationToken.None);

        Assert.False(await dialogs.ContinueAsync(Turn("skip"), replies, CancellationToken.None));
        Assert.True(await dialogs.ContinueAsync(Turn("one"), replies, CancellationToken.None));
        Assert.Equal(["0", "1"], replies.Texts);
    }

    [Fact]
    public async Task Dialogs_are_kept_per_member_and_conversation()
    {
        var dialogs = new Dialogs([new CountToThree()], _store);
        await dialogs.BeginAsync("count", Turn("start"), new RecordingReplies(), CancellationToken.None);

        Assert.False(await dialogs.IsActiveAsync(Turn("x", user: "someone-else"), "count", CancellationToken.None));
        Assert.False(await dialogs.IsActiveAsync(Turn("x", conversation: "other"), "count", CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_turn_loses_to_a_newer_one()
    {
        await _store.SaveAsync("c", "m", "count", new() { ["n"] = 1 }, null, CancellationToken.None);
        var read = await _store.GetAsync("c", "m", CancellationToken.None);
        await _store.SaveAsync("c", "m", "count", new() { ["n"] = 2 }, read!.ETag, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrentEditException>(() => _store.SaveAsync("c", "m", "count", new() { ["n"] = 3 }, read.ETag, CancellationToken.None));
        Assert.Equal(2, (await _store.GetAsync("c", "m", CancellationToken.None))!.State["n"]!.GetValue<int>());
    }

    private static ChatTurn Turn(string text, string user = "u1", string conversation = "conv/1#?") =>
        new(new Member("msteams", user, "tenant", null, "User"), conversation, true, text, null, Guid.NewGuid().ToString());

    /// <summary>Counts the member's turns; handles every turn but "skip"; completes at three.</summary>
    private sealed class CountToThree : IDialog
    {
        public string Id => "count";

        public async Task<DialogResult> BeginAsync(DialogContext context, CancellationToken cancellationToken)
        {
            context.State["n"] = 0;
            await context.SendAsync(new TextReply("0"), cancellationToken);
            return DialogResult.Waiting;
        }

        public async Task<DialogResult> ContinueAsync(DialogContext context, CancellationToken cancellationToken)
        {
            if (context.Turn.Text == "skip")
            {
                return DialogResult.NotHandled;
            }
            var n = context.State["n"]!.GetValue<int>() + 1;
            context.State["n"] = n;
            await context.SendAsync(new TextReply(n == 3 ? "3 done" : n.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
            return n == 3 ? DialogResult.Complete : DialogResult.Waiting;
        }
    }

    private sealed class RecordingReplies : IReplyChannel
    {
        public List<string> Texts { get; } = [];

        public Task SendAsync(BotReply reply, CancellationToken cancellationToken)
        {
            Texts.Add(((TextReply)reply).Text);
            return Task.CompletedTask;
        }

        public Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken) => SendAsync(card, cancellationToken);
    }
}
