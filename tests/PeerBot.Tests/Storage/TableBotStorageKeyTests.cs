using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>State keys come from channel and conversation ids, which contain anything.</summary>
public sealed class TableBotStorageKeyTests
{
    public static readonly string[] AwkwardKeys =
    [
        "msteams/conversations/19:abc@thread.v2", "/", "back\\slash", "hash#tag", "what?now", "100%", "%2F;", "%~", "O'Brien",
        "tab\there", "new\nline", "nul\0byte", "del\u007f", "c1\u0085", "ünïcødé 日本語 עברית", "emoji 🎉👩‍💻",
        new string('k', 2000), new string('k', 1999) + "j", string.Concat(Enumerable.Repeat("🎉", 1000)),
        "CaseKey", "casekey", "lone \ud800 high", "lone \udc00 low", " ", "",
    ];

    [Fact]
    public async Task Every_key_gets_its_own_row_and_reads_back()
    {
        var tables = await TestTables.CreateAsync("keys");
        var storage = tables.BotStorage();
        var changes = AwkwardKeys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => (object)new IntroNote { Author = $"#{x.i}" });

        await storage.WriteAsync(changes);
        var read = await storage.ReadAsync(AwkwardKeys);

        Assert.Equal(AwkwardKeys.Length, read.Count);
        Assert.All(AwkwardKeys.Select((k, i) => (k, i)), x => Assert.Equal($"#{x.i}", Assert.IsType<IntroNote>(read[x.k]).Author));
        Assert.Equal(AwkwardKeys.Length, (await tables.RowsAsync()).Count);
    }

    [Fact]
    public async Task Each_awkward_key_can_be_deleted_alone()
    {
        var tables = await TestTables.CreateAsync("keydel");
        var storage = tables.BotStorage();
        await storage.WriteAsync(AwkwardKeys.ToDictionary(k => k, k => (object)k.Length));

        foreach (var (key, index) in AwkwardKeys.Select((k, i) => (k, i)))
        {
            await storage.DeleteAsync([key]);
            var left = await storage.ReadAsync(AwkwardKeys);
            Assert.Equal(AwkwardKeys.Skip(index + 1).Order(StringComparer.Ordinal), left.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Escaped_keys_are_distinct_legal_and_short()
    {
        var escaped = AwkwardKeys.Select(TableKeys.Escape).ToList();

        Assert.Equal(escaped.Count, escaped.Distinct(StringComparer.Ordinal).Count());
        Assert.All(escaped, e =>
        {
            Assert.DoesNotContain(e, c => c is '/' or '\\' or '#' or '?' or '\'' || char.IsControl(c));
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(e) <= 1024, e);
            Assert.Equal(-1, DocumentRow.FirstLoneSurrogate(e));
        });
    }
}
