using Azure;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

public sealed class TableDocumentsTests
{
    [Fact]
    public async Task Insert_then_read_returns_the_text_and_the_same_etag()
    {
        var documents = (await TestTables.CreateAsync("docins")).Documents();

        var etag = await documents.InsertAsync("a/b", """{"x":1}""");
        var read = await documents.ReadAsync("a/b");

        Assert.Equal(new StoredDocument("""{"x":1}""", etag), read);
        Assert.Null(await documents.ReadAsync("a"));
    }

    [Fact]
    public async Task Insert_over_an_existing_document_is_a_conflict()
    {
        var documents = (await TestTables.CreateAsync("docinsx")).Documents();
        await documents.InsertAsync("k", "1");

        await Assert.ThrowsAsync<ConcurrentEditException>(() => documents.InsertAsync("k", "2"));

        Assert.Equal("1", (await documents.ReadAsync("k"))!.Json);
    }

    [Fact]
    public async Task Conditional_write_succeeds_once_per_etag()
    {
        var documents = (await TestTables.CreateAsync("docif")).Documents();
        var first = await documents.WriteAsync("k", "1", ETag.All);

        var second = await documents.WriteAsync("k", "2", first);
        await Assert.ThrowsAsync<ConcurrentEditException>(() => documents.WriteAsync("k", "3", first));

        Assert.NotEqual(first, second);
        Assert.Equal(new StoredDocument("2", second), await documents.ReadAsync("k"));
    }

    [Fact]
    public async Task Conditional_write_to_a_missing_document_is_a_conflict()
    {
        var documents = (await TestTables.CreateAsync("docifnone")).Documents();
        var etag = await documents.WriteAsync("k", "1", ETag.All);
        await documents.DeleteAsync("k");

        await Assert.ThrowsAsync<ConcurrentEditException>(() => documents.WriteAsync("k", "2", etag));

        Assert.Null(await documents.ReadAsync("k"));
    }

    [Fact]
    public async Task Delete_is_conditional_when_asked_and_a_no_op_for_unknown_keys()
    {
        var documents = (await TestTables.CreateAsync("docdel")).Documents();
        var stale = await documents.WriteAsync("k", "1", ETag.All);
        var current = await documents.WriteAsync("k", "2", ETag.All);

        await documents.DeleteAsync("never");
        await documents.DeleteAsync("never", stale);
        await Assert.ThrowsAsync<ConcurrentEditException>(() => documents.DeleteAsync("k", stale));
        Assert.NotNull(await documents.ReadAsync("k"));
        await documents.DeleteAsync("k", current);

        Assert.Null(await documents.ReadAsync("k"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(TableDocuments.PartChars - 1)]
    [InlineData(TableDocuments.PartChars)]
    [InlineData(TableDocuments.PartChars + 1)]
    [InlineData((3 * TableDocuments.PartChars) + 17)]
    public async Task Documents_of_any_length_round_trip(int length)
    {
        var tables = await TestTables.CreateAsync("doclen");
        var documents = tables.Documents();
        var json = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        await documents.WriteAsync("k", json, ETag.All);

        Assert.Equal(json, (await documents.ReadAsync("k"))!.Json);
        var parts = Assert.Single(await tables.RowsAsync()).GetInt32(TableDocuments.PartsProperty);
        Assert.Equal(Math.Max(1, (length + TableDocuments.PartChars - 1) / TableDocuments.PartChars), parts);
    }

    [Fact]
    public async Task A_surrogate_pair_at_a_part_boundary_is_not_cut()
    {
        var documents = (await TestTables.CreateAsync("docpair")).Documents();
        // The emoji's high surrogate is the last character a part could hold.
        var json = new string('x', TableDocuments.PartChars - 1) + "🎉" + new string('y', 10);

        await documents.WriteAsync("k", json, ETag.All);

        Assert.Equal(json, (await documents.ReadAsync("k"))!.Json);
    }

    [Fact]
    public async Task A_shorter_rewrite_leaves_no_old_parts_behind()
    {
        var tables = await TestTables.CreateAsync("docshrink");
        var documents = tables.Documents();
        await documents.WriteAsync("k", new string('a', 5 * TableDocuments.PartChars), ETag.All);

        await documents.WriteAsync("k", "short", ETag.All);

        Assert.Equal("short", (await documents.ReadAsync("k"))!.Json);
        var row = Assert.Single(await tables.RowsAsync());
        Assert.DoesNotContain(row.Keys, k => k.StartsWith("J0", StringComparison.Ordinal) && k != "J00");
    }

    [Fact]
    public async Task The_size_limit_admits_the_largest_row_and_refuses_one_character_more()
    {
        var documents = (await TestTables.CreateAsync("doclimit")).Documents();
        var largest = LargestFitting("k");

        await documents.WriteAsync("k", new string('a', largest), ETag.All);
        var e = await Assert.ThrowsAsync<DocumentTooLargeException>(() => documents.WriteAsync("k", new string('b', largest + 1), ETag.All));

        Assert.True(largest > 500_000, $"a 1 MiB row should hold over 500K characters, not {largest}");
        Assert.InRange(e.RowBytes, TableDocuments.MaxRowBytes + 1, TableDocuments.MaxRowBytes + 2);
        Assert.Equal(largest, (await documents.ReadAsync("k"))!.Json.Length);
    }

    [Fact]
    public async Task Lone_surrogates_are_refused_before_anything_is_written()
    {
        var documents = (await TestTables.CreateAsync("doclone")).Documents();

        await Assert.ThrowsAsync<ArgumentException>(() => documents.WriteAsync("k", "\"\ud800\"", ETag.All));

        Assert.Null(await documents.ReadAsync("k"));
    }

    private static int LargestFitting(string key)
    {
        var low = 0;
        var high = (int)(TableDocuments.MaxRowBytes / 2);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(key, mid))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    private static bool Fits(string key, int length)
    {
        try
        {
            DocumentRow.Split(key, new string('a', length));
            return true;
        }
        catch (DocumentTooLargeException)
        {
            return false;
        }
    }
}
