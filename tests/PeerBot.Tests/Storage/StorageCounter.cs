using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PeerBot.Tests.Storage;

/// <summary>
/// Counts what a table client asks of storage, per table: requests, and entities the service sent back (a query's
/// "value" array, or one for a point read). Attached to a client's pipeline with
/// <c>options.AddPolicy(counter, HttpPipelinePosition.PerRetry)</c>, so that each attempt on the wire counts.
/// </summary>
public sealed class StorageCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, Tally> _tables = new(StringComparer.Ordinal);

    public sealed class Tally
    {
        private int _requests;
        private int _reads;
        private int _rows;
        private int _writes;

        /// <summary>Every request, of any kind.</summary>
        public int Requests => _requests;

        /// <summary>Queries and point reads.</summary>
        public int Reads => _reads;

        /// <summary>Entities sent back by those reads.</summary>
        public int Rows => _rows;

        /// <summary>Inserts, updates, upserts and deletes.</summary>
        public int Writes => _writes;

        internal void Add(bool read, int rows)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Increment(ref read ? ref _reads : ref _writes);
            Interlocked.Add(ref _rows, rows);
        }
    }

    /// <summary>What was asked of tables whose name ends with <paramref name="suffix"/> (e.g. "Profiles").</summary>
    public Tally For(string suffix) => _tables.FirstOrDefault(t => t.Key.EndsWith(suffix, StringComparison.Ordinal)).Value ?? new Tally();

    public IReadOnlyDictionary<string, Tally> Tables => _tables;

    public void Reset() => _tables.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        var path = message.Request.Uri.Path.TrimEnd('/');
        var table = path[(path.LastIndexOf('/') + 1)..];
        var paren = table.IndexOf('(', StringComparison.Ordinal);
        table = paren >= 0 ? table[..paren] : table;
        var read = message.Request.Method == RequestMethod.Get;
        var rows = 0;
        if (read && message.HasResponse && message.Response.Status == 200 && message.Response.Content is { } content)
        {
            using var json = JsonDocument.Parse(content.ToMemory());
            rows = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        }
        _tables.GetOrAdd(table, _ => new Tally()).Add(read, rows);
    }
}
