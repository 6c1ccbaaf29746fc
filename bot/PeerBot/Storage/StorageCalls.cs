using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PeerBot.Storage;

/// <summary>
/// Counts every request the table and queue clients put on the wire (each retry too), per table or queue, and per
/// turn: a request made inside a <see cref="Begin"/> scope also counts towards that scope. Storage is the expensive
/// part of a turn (each call a paid transaction, several ms away), so tests and the load benchmark count them.
/// </summary>
public sealed class StorageCalls : HttpPipelinePolicy
{
    /// <summary>The response header that carries a turn's count, when <see cref="StorageOptions.ReportCalls"/> is set.</summary>
    public const string Header = "PeerBot-Storage-Calls";

    /// <summary>The same turn's calls one by one ("GET PeerBotProfiles, POST PeerBotTurns"), alongside <see cref="Header"/>.</summary>
    public const string ListHeader = "PeerBot-Storage-Call-List";

    private static readonly AsyncLocal<Scope?> Current = new();
    private readonly ConcurrentDictionary<string, Counter> _byTarget = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>Requests since start (or the last <see cref="Reset"/>).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Requests per table or queue name.</summary>
    public IReadOnlyDictionary<string, long> ByTarget => _byTarget.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);

    public void Reset()
    {
        _byTarget.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>Starts counting the calls of the work that follows on this async flow (one turn).</summary>
    public static Scope Begin()
    {
        var scope = new Scope();
        Current.Value = scope;
        return scope;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _total);
        var target = TargetOf(message.Request.Uri.Path);
        Current.Value?.Add(message.Request.Method.Method + " " + target);
        _byTarget.GetOrAdd(target, _ => new Counter()).Add();
    }

    /// <summary>"/devstoreaccount1/PeerBotTurns(PartitionKey='a',RowKey='b')" → "PeerBotTurns"; "/queue/messages" → "queue".</summary>
    private static string TargetOf(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Azurite puts the account name first; Azure has it in the host.
        var name = parts.Length switch
        {
            0 => "",
            _ when parts[0] == "devstoreaccount1" && parts.Length > 1 => parts[1],
            _ => parts[0],
        };
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren >= 0 ? name[..paren] : name;
    }

    /// <summary>The calls of one turn.</summary>
    public sealed class Scope
    {
        private readonly ConcurrentQueue<string> _list = new();

        public int Calls => _list.Count;

        /// <summary>Each call as "METHOD table", in order.</summary>
        public IReadOnlyCollection<string> List => _list;

        internal void Add(string call) => _list.Enqueue(call);
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }
}
