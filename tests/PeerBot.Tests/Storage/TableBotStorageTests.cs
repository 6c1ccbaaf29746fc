using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>The SDK's storage contract, against Azurite.</summary>
public sealed class TableBotStorageTests
{
    private static IntroDraft SampleDraft() => new()
    {
        Id = "intro-42",
        Stage = IntroStage.AcceptedByOne,
        ProposedAt = new DateTimeOffset(2025, 3, 9, 14, 30, 15, 123, TimeSpan.FromHours(5.5)),
        AnsweredAt = null,
        Notes =
        [
            new() { Author = "Ana", Topics = ["pricing", "hiring"], Reply = new() { Author = "Bo", Topics = ["ok"] } },
            new() { Author = "Cy" },
        ],
        Scores = new() { ["fit"] = 7, ["timezone"] = -2 },
        Extras = new() { ["nested"] = new IntroNote { Author = "Di" }, ["count"] = 3L, ["flag"] = true },
        Weight = 0.1m,
    };

    [Fact]
    public async Task Unknown_keys_have_no_entry()
    {
        var storage = (await TestTables.CreateAsync("unknown")).BotStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["known"] = new IntroNote { Author = "Ana" } });

        var read = await storage.ReadAsync(["known", "missing", "also-missing"]);

        Assert.Equal(["known"], read.Keys);
    }

    [Fact]
    public async Task Nested_object_comes_back_typed_and_whole()
    {
        var storage = (await TestTables.CreateAsync("pocos")).BotStorage();
        var draft = SampleDraft();
        await storage.WriteAsync(new Dictionary<string, object> { ["draft"] = draft });

        var read = Assert.IsType<IntroDraft>((await storage.ReadAsync(["draft"]))["draft"]);

        Assert.Equivalent(draft, read, strict: true);
        Assert.Equal(TimeSpan.FromHours(5.5), read.ProposedAt.Offset);
        Assert.Equal(draft.ProposedAt.Ticks, read.ProposedAt.Ticks);
        Assert.IsType<IntroNote>(read.Extras["nested"]);
        Assert.IsType<bool>(read.Extras["flag"]);
    }

    [Fact]
    public async Task Dictionaries_lists_and_enums_round_trip_as_the_state_layer_stores_them()
    {
        var storage = (await TestTables.CreateAsync("shapes")).BotStorage();
        // ConversationState writes a Dictionary<string, object> whose values are the properties' objects.
        var state = new Dictionary<string, object>
        {
            ["draft"] = SampleDraft(),
            ["stages"] = new List<IntroStage> { IntroStage.Introduced, IntroStage.Proposed },
            ["byName"] = new Dictionary<string, IntroNote> { ["x"] = new() { Author = "X" } },
            ["when"] = new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.FromHours(-8)),
        };
        await storage.WriteAsync(new Dictionary<string, object> { ["state"] = state });

        var read = Assert.IsType<Dictionary<string, object>>((await storage.ReadAsync(["state"]))["state"]);

        Assert.Equivalent(state["draft"], Assert.IsType<IntroDraft>(read["draft"]), strict: true);
        Assert.Equal([IntroStage.Introduced, IntroStage.Proposed], Assert.IsType<List<IntroStage>>(read["stages"]));
        Assert.Equal("X", Assert.IsType<Dictionary<string, IntroNote>>(read["byName"])["x"].Author);
        // An untyped slot loses the offset exactly as the SDK's blob store does: same instant, read back as a date.
        Assert.Equal(((DateTimeOffset)state["when"]).UtcDateTime, Assert.IsType<DateTime>(read["when"]).ToUniversalTime());
    }

    [Fact]
    public async Task Untyped_json_comes_back_as_json()
    {
        var storage = (await TestTables.CreateAsync("jobject")).BotStorage();
        var json = JObject.Parse("""{"a":{"b":[1,2,"three"]}}""");
        await storage.WriteAsync(new Dictionary<string, object> { ["j"] = json });

        var read = Assert.IsType<JObject>((await storage.ReadAsync(["j"]))["j"]);

        Assert.True(JToken.DeepEquals(json, read));
    }

    [Fact]
    public async Task Text_keeps_every_character_json_can_carry()
    {
        var storage = (await TestTables.CreateAsync("text")).BotStorage();
        const string text = "nul\0 tab\t nl\n quote\" back\\ ünï 日本 🎉👩‍💻 \u2028 \ufeff";
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new IntroNote { Author = text }, ["b"] = new IntroNote { Author = "x\ud800y" } });

        var read = await storage.ReadAsync(["a", "b"]);

        Assert.Equal(text, Assert.IsType<IntroNote>(read["a"]).Author);
        // An unpaired surrogate is not text JSON can carry; like the SDK's blob store, it reads back as U+FFFD.
        Assert.Equal("x\ufffdy", Assert.IsType<IntroNote>(read["b"]).Author);
    }

    [Fact]
    public async Task Plain_objects_are_last_write_wins()
    {
        var storage = (await TestTables.CreateAsync("lww")).BotStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new IntroNote { Author = "first" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new IntroNote { Author = "second" } });

        Assert.Equal("second", Assert.IsType<IntroNote>((await storage.ReadAsync(["k"]))["k"]).Author);
    }

    [Fact]
    public async Task Delete_removes_and_unknown_keys_are_a_no_op()
    {
        var storage = (await TestTables.CreateAsync("delete")).BotStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new IntroNote(), ["b"] = new IntroNote() });

        await storage.DeleteAsync(["a", "never-written"]);
        await storage.DeleteAsync(["a"]);

        Assert.Equal(["b"], (await storage.ReadAsync(["a", "b", "never-written"])).Keys);
    }

    [Fact]
    public async Task Writing_null_leaves_no_entry()
    {
        var storage = (await TestTables.CreateAsync("null")).BotStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new IntroNote() });

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = null! });

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Null_arguments_are_rejected()
    {
        var storage = (await TestTables.CreateAsync("args")).BotStorage();

        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.ReadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.WriteAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => storage.DeleteAsync(null!));
    }
}
