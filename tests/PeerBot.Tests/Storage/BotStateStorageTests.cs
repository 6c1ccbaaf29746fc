using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace PeerBot.Tests.Storage;

/// <summary>The SDK's own state classes over the table store, as the bot uses them.</summary>
public sealed class BotStateStorageTests
{
    private static TurnContext Turn(string conversationId, string userId) => new(new TestAdapter(Channels.Msteams), new Activity(ActivityTypes.Message)
    {
        ChannelId = Channels.Msteams,
        Conversation = new ConversationAccount(id: conversationId),
        From = new ChannelAccount(id: userId),
        Recipient = new ChannelAccount(id: "bot"),
        Text = "/findpeer VP marketing",
    });

    [Fact]
    public async Task Conversation_and_user_state_survive_between_turns()
    {
        var storage = (await TestTables.CreateAsync("botstate")).BotStorage();
        var conversation = new ConversationState(storage);
        var user = new UserState(storage);
        var draft = new IntroDraft { Id = "i-1", Stage = IntroStage.Proposed, ProposedAt = DateTimeOffset.Parse("2025-01-02T03:04:05+01:00", System.Globalization.CultureInfo.InvariantCulture) };
        const string conversationId = "19:meeting_abc/def#x?y@thread.v2";

        using (var turn = Turn(conversationId, "29:user/1"))
        {
            await conversation.CreateProperty<IntroDraft>("draft").SetAsync(turn, draft);
            await user.CreateProperty<List<string>>("topics").SetAsync(turn, ["pricing", "hiring"]);
            await conversation.SaveChangesAsync(turn);
            await user.SaveChangesAsync(turn);
        }

        using var next = Turn(conversationId, "29:user/1");
        var loadedDraft = await new ConversationState(storage).CreateProperty<IntroDraft>("draft").GetAsync(next, () => new IntroDraft());
        var loadedTopics = await new UserState(storage).CreateProperty<List<string>>("topics").GetAsync(next, () => []);
        using var otherConversation = Turn("19:other", "29:user/1");
        var elsewhere = await new ConversationState(storage).CreateProperty<IntroDraft>("draft").GetAsync(otherConversation, () => new IntroDraft { Id = "fresh" });

        Assert.Equivalent(draft, loadedDraft, strict: true);
        Assert.Equal(draft.ProposedAt.Offset, loadedDraft.ProposedAt.Offset);
        Assert.Equal(["pricing", "hiring"], loadedTopics);
        Assert.Equal("fresh", elsewhere.Id);
    }

    [Fact]
    public async Task Clearing_and_deleting_state_removes_it()
    {
        var storage = (await TestTables.CreateAsync("botclear")).BotStorage();
        var conversation = new ConversationState(storage);
        using (var turn = Turn("19:c", "29:u"))
        {
            await conversation.CreateProperty<string>("stage").SetAsync(turn, "asked");
            await conversation.SaveChangesAsync(turn);
        }

        using (var turn = Turn("19:c", "29:u"))
        {
            await conversation.DeleteAsync(turn);
        }

        using var after = Turn("19:c", "29:u");
        Assert.Equal("none", await new ConversationState(storage).CreateProperty<string>("stage").GetAsync(after, () => "none"));
    }
}
