using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>Optimistic concurrency for state objects that carry an ETag.</summary>
public sealed class TableBotStorageETagTests
{
    private static Dictionary<string, object> Change(string key, object value) => new() { [key] = value };

    [Fact]
    public async Task A_store_item_gets_a_new_etag_on_every_write()
    {
        var storage = (await TestTables.CreateAsync("etagnew")).BotStorage();
        await storage.WriteAsync(Change("c", new Counter { Count = 1 }));
        var first = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);

        first.Count = 2;
        await storage.WriteAsync(Change("c", first));
        var second = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);

        Assert.False(string.IsNullOrEmpty(first.ETag));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(2, second.Count);
    }

    [Fact]
    public async Task A_stale_etag_throws_and_leaves_the_newer_value()
    {
        var storage = (await TestTables.CreateAsync("etagstale")).BotStorage();
        await storage.WriteAsync(Change("c", new Counter { Count = 1 }));
        var mine = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);
        var theirs = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);
        theirs.Count = 10;
        await storage.WriteAsync(Change("c", theirs));

        mine.Count = 2;
        var e = await Assert.ThrowsAsync<ConcurrentEditException>(() => storage.WriteAsync(Change("c", mine)));

        Assert.Contains("'c'", e.Message, StringComparison.Ordinal);
        Assert.Equal(10, Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]).Count);
    }

    [Fact]
    public async Task A_stale_etag_on_a_deleted_item_throws_rather_than_resurrecting_it()
    {
        var storage = (await TestTables.CreateAsync("etaggone")).BotStorage();
        await storage.WriteAsync(Change("c", new Counter { Count = 1 }));
        var mine = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);
        await storage.DeleteAsync(["c"]);

        await Assert.ThrowsAsync<ConcurrentEditException>(() => storage.WriteAsync(Change("c", mine)));

        Assert.Empty(await storage.ReadAsync(["c"]));
    }

    [Theory]
    [InlineData("*")]
    [InlineData(null)]
    [InlineData("")]
    public async Task Wildcard_or_missing_etag_always_writes(string? etag)
    {
        var storage = (await TestTables.CreateAsync("etagall")).BotStorage();
        await storage.WriteAsync(Change("c", new Counter { Count = 1 }));
        await storage.WriteAsync(Change("c", new Counter { Count = 2 }));

        await storage.WriteAsync(Change("c", new Counter { Count = 3, ETag = etag }));

        Assert.Equal(3, Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]).Count);
    }

    [Fact]
    public async Task An_etag_for_a_key_never_written_is_a_conflict()
    {
        var storage = (await TestTables.CreateAsync("etagnone")).BotStorage();
        await storage.WriteAsync(Change("other", new Counter()));
        var etagOfOther = Assert.IsType<Counter>((await storage.ReadAsync(["other"]))["other"]).ETag!;

        await Assert.ThrowsAsync<ConcurrentEditException>(() => storage.WriteAsync(Change("c", new Counter { ETag = etagOfOther })));
    }
}
