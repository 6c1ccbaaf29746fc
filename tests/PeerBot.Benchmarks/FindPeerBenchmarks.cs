using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using PeerBot.Matching;
using PeerBot.Tests.Matching.Evaluation;

namespace PeerBot.Benchmarks;

internal static class NetworkSize
{
    /// <summary>Profiles in the synthetic network: PEERBOT_BENCH_PROFILES, or a million.</summary>
    public static int FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("PEERBOT_BENCH_PROFILES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;
}

/// <summary>/findpeer against the keyword baseline, per query, on one synthetic network.</summary>
[Config(typeof(Settings))]
[MemoryDiagnoser]
public class FindPeerBenchmarks : IDisposable
{
    private const int Batch = 200;
    private PeerDirectory? _directory;
    private Bm25Titles? _bm25;
    private SearchRequest[] _requests = [];
    private int _next;

    [GlobalSetup(Target = nameof(FindPeer))]
    public void SetUpDirectory()
    {
        var size = NetworkSize.FromEnvironment();
        _directory = new PeerDirectory();
        foreach (var peer in SyntheticNetwork.Profiles(size))
        {
            _directory.Upsert(peer);
        }
        _requests = Workload.Requests(10_000, size);
    }

    [GlobalSetup(Target = nameof(Bm25))]
    public void SetUpBm25()
    {
        var size = NetworkSize.FromEnvironment();
        _bm25 = new Bm25Titles(SyntheticNetwork.Profiles(size).Select(p => p.Title));
        _requests = Workload.Requests(10_000, size);
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "/findpeer (PeerDirectory.Search)")]
    public int FindPeer()
    {
        var found = 0;
        for (var i = 0; i < Batch; i++)
        {
            found += _directory!.Search(_requests[_next++ % _requests.Length]).Matches.Count;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true, Description = "Lucene BM25 over titles")]
    public int Bm25()
    {
        var found = 0;
        for (var i = 0; i < Batch; i++)
        {
            found += _bm25!.Search(_requests[_next++ % _requests.Length].Query, 5).Count;
        }
        return found;
    }

    public void Dispose()
    {
        _directory?.Dispose();
        _bm25?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}

/// <summary>Building each index from scratch over the whole synthetic network.</summary>
[Config(typeof(Settings))]
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private readonly int _size = NetworkSize.FromEnvironment();

    [Benchmark(Description = "Build PeerDirectory")]
    public int BuildDirectory()
    {
        using var directory = new PeerDirectory();
        foreach (var peer in SyntheticNetwork.Profiles(_size))
        {
            directory.Upsert(peer);
        }
        return directory.Count;
    }

    [Benchmark(Baseline = true, Description = "Build Lucene BM25 index")]
    public int BuildBm25()
    {
        using var bm25 = new Bm25Titles(SyntheticNetwork.Profiles(_size).Select(p => p.Title));
        return bm25.Search("VP marketing", 1).Count;
    }

    private sealed class Settings : ManualConfig
    {
        public Settings() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1));
    }
}
