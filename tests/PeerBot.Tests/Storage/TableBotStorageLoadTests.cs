using System.Text;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>Parallel turns and large state.</summary>
public sealed class TableBotStorageLoadTests
{
    private const int Writers = 50;

    private static Dictionary<string, object> Change(string key, object value) => new() { [key] = value };

    [Fact]
    public async Task Parallel_writes_of_different_keys_all_land()
    {
        var storage = (await TestTables.CreateAsync("pardiff")).BotStorage();
        var keys = Enumerable.Range(0, Writers).Select(i => $"conv/{i}").ToArray();

        await Task.WhenAll(keys.Select(k => storage.WriteAsync(Change(k, new IntroNote { Author = k }))));
        var read = await storage.ReadAsync(keys);

        Assert.All(keys, k => Assert.Equal(k, Assert.IsType<IntroNote>(read[k]).Author));
    }

    [Fact]
    public async Task Parallel_plain_writes_of_one_key_all_succeed_and_one_whole_value_wins()
    {
        var storage = (await TestTables.CreateAsync("parsame")).BotStorage();
        var authors = Enumerable.Range(0, Writers).Select(i => $"writer {i}").ToHashSet();

        await Task.WhenAll(authors.Select(a => storage.WriteAsync(Change("k", new IntroNote { Author = a, Topics = [a, a] }))));

        var winner = Assert.IsType<IntroNote>((await storage.ReadAsync(["k"]))["k"]);
        Assert.Contains(winner.Author, authors);
        Assert.Equal([winner.Author, winner.Author], winner.Topics);
    }

    [Fact]
    public async Task Parallel_store_items_racing_from_one_etag_have_exactly_one_winner()
    {
        var storage = (await TestTables.CreateAsync("parrace")).BotStorage();
        await storage.WriteAsync(Change("c", new Counter { Count = 0 }));
        var etag = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]).ETag;

        var attempts = Enumerable.Range(1, Writers).Select(async i =>
        {
            try
            {
                await storage.WriteAsync(Change("c", new Counter { ETag = etag, Count = i, Owner = $"writer {i}" }));
                return i;
            }
            catch (ConcurrentEditException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var stored = Assert.IsType<Counter>((await storage.ReadAsync(["c"]))["c"]);
        Assert.Equal(winners.Single(), stored.Count);
        Assert.Equal($"writer {stored.Count}", stored.Owner);
        Assert.NotEqual(etag, stored.ETag);
    }

    [Fact]
    public async Task A_200_KiB_value_is_split_across_properties_and_reads_back_intact()
    {
        var tables = await TestTables.CreateAsync("big");
        var storage = tables.BotStorage();
        var text = LargeText(200 * 1024);

        await storage.WriteAsync(Change("big", new IntroNote { Author = text }));

        Assert.Equal(text, Assert.IsType<IntroNote>((await storage.ReadAsync(["big"]))["big"]).Author);
        var row = Assert.Single(await tables.RowsAsync());
        Assert.True(row.GetInt32(TableDocuments.PartsProperty) >= 7, "200K characters need at least 7 properties of 32,000");
    }

    [Fact]
    public async Task A_2_MiB_value_is_refused_clearly_and_the_old_value_stays()
    {
        var storage = (await TestTables.CreateAsync("huge")).BotStorage();
        await storage.WriteAsync(Change("conv/huge", new IntroNote { Author = "before" }));

        var e = await Assert.ThrowsAsync<DocumentTooLargeException>(() =>
            storage.WriteAsync(Change("conv/huge", new IntroNote { Author = LargeText(2 * 1024 * 1024) })));

        Assert.Equal("conv/huge", e.Key);
        Assert.True(e.RowBytes > 4 * 1024 * 1024, $"2M characters take over 4 MB as UTF-16, not {e.RowBytes}");
        Assert.Contains("conv/huge", e.Message, StringComparison.Ordinal);
        Assert.Contains("1,048,576", e.Message, StringComparison.Ordinal);
        Assert.Equal("before", Assert.IsType<IntroNote>((await storage.ReadAsync(["conv/huge"]))["conv/huge"]).Author);
    }

    /// <summary>Text with everything JSON must escape and pairs that must not be cut, repeated to length.</summary>
    internal static string LargeText(int length)
    {
        const string pattern = "Peer \"quoted\" back\\slash tab\t nl\n ünï 日本 🎉👩‍💻 ";
        var sb = new StringBuilder(length + pattern.Length);
        while (sb.Length < length)
        {
            sb.Append(pattern);
        }
        return sb.ToString();
    }
}
