using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using PeerBot.Matching;
using PeerBot.Tests.Matching.Evaluation;

namespace PeerBot.Benchmarks;

/// <summary>
/// The <c>--percentiles</c> mode: builds both indexes once, measures build time and the directory's
/// retained memory, then times 10,000 queries one by one on a single core for p50/p99.
/// </summary>
internal static class Percentiles
{
    public static int Run(int size, int queries)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            // "One core": the process may only run on the first CPU.
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        Console.WriteLine(FormattableString.Invariant($"Synthetic network: {size:N0} profiles; {queries:N0} timed queries after {queries / 5:N0} warm-up; GC {(GCSettings.IsServerGC ? "server" : "workstation")}, one core."));

        var before = Retained();
        var clock = Stopwatch.StartNew();
        var directory = new PeerDirectory();
        foreach (var peer in SyntheticNetwork.Profiles(size))
        {
            directory.Upsert(peer);
        }
        var directoryBuild = clock.Elapsed;
        var directoryBytes = Retained() - before;
        if (directory.Count != size)
        {
            throw new InvalidOperationException($"The synthetic network repeated ids: {directory.Count:N0} members, not {size:N0}.");
        }

        before = Retained();
        clock.Restart();
        using var bm25 = new Bm25Titles(SyntheticNetwork.Profiles(size).Select(p => p.Title));
        var bm25Build = clock.Elapsed;
        var bm25Bytes = Retained() - before;

        var requests = Workload.Requests(queries + (queries / 5), size);
        var ours = Time(requests, queries, r => directory.Search(r).Matches.Count, out var perQuery);
        var theirs = Time(requests, queries, r => bm25.Search(r.Query, 5).Count, out _);

        var mb = 1024.0 * 1024.0;
        Console.WriteLine();
        Console.WriteLine("| measure | PeerBot matching | Lucene BM25 (titles) |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(Invariant($"| index build | {directoryBuild.TotalSeconds:0.0} s | {bm25Build.TotalSeconds:0.0} s |"));
        Console.WriteLine(Invariant($"| retained memory (managed heap) | {directoryBytes / mb:0} MB ({directoryBytes / (double)size:0} B/profile) | {bm25Bytes / mb:0} MB |"));
        Console.WriteLine(Invariant($"| query p50 | {ours.P50:0.000} ms | {theirs.P50:0.000} ms |"));
        Console.WriteLine(Invariant($"| query p99 | {ours.P99:0.000} ms | {theirs.P99:0.000} ms |"));
        Console.WriteLine(Invariant($"| query max | {ours.Max:0.000} ms | {theirs.Max:0.000} ms |"));
        Console.WriteLine(Invariant($"| query mean | {ours.Mean:0.000} ms | {theirs.Mean:0.000} ms |"));
        Console.WriteLine(Invariant($"| results per query (mean) | {ours.Results:0.00} | {theirs.Results:0.00} |"));
        Console.WriteLine();
        Console.WriteLine("Slowest wordings (PeerBot, thread CPU time, mean over their timed runs):");
        foreach (var (text, mean, max) in perQuery.GroupBy(q => q.Text).Select(g => (g.Key, g.Average(q => q.Ms), g.Max(q => q.Ms))).OrderByDescending(g => g.Item2).Take(8))
        {
            Console.WriteLine(Invariant($"  {text,-32} mean {mean:0.000} ms, max {max:0.000} ms"));
        }
        GC.KeepAlive(directory);
        directory.Dispose();
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static (double P50, double P99, double Max, double Mean, double Results) Time(SearchRequest[] requests, int measured, Func<SearchRequest, int> search,
        out List<(string Text, double Ms)> perQuery)
    {
        perQuery = new List<(string Text, double Ms)>(measured);
        var warmUp = requests.Length - measured;
        for (var i = 0; i < warmUp; i++)
        {
            search(requests[i]);
        }
        var times = new double[measured];
        var cpu = new double[measured];
        long results = 0;
        for (var i = 0; i < measured; i++)
        {
            var cpuStart = ThreadCpu.Now();
            var start = Stopwatch.GetTimestamp();
            results += search(requests[warmUp + i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (ThreadCpu.Now() - cpuStart) / 1e6;
            perQuery.Add((requests[warmUp + i].Query, cpu[i]));
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine(Invariant($"  (thread CPU time per query: p50 {cpu[measured / 2]:0.000} ms, p99 {cpu[(int)Math.Ceiling(measured * 0.99) - 1]:0.000} ms, max {cpu[^1]:0.000} ms)"));
        return (times[measured / 2], times[(int)Math.Ceiling(measured * 0.99) - 1], times[^1], times.Average(), results / (double)measured);
    }
}
