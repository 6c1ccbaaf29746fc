using System.Globalization;
using BenchmarkDotNet.Running;
using PeerBot.Benchmarks;

// dotnet run -c Release --project tests/PeerBot.Benchmarks -- nudges [count] [instances]
if (args.Length > 0 && args[0] == "nudges")
{
    return await PeerBot.Benchmarks.Nudges.NudgeBenchmark.RunAsync(args[1..]);
}
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- slack-ack [requests] [concurrency] [--rate N] [--baseline PATH/PeerBot.dll]
if (args.Length > 0 && args[0] == "slack-ack")
{
    return await PeerBot.Benchmarks.Slack.AckBenchmark.RunAsync(args[1..]);
}
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- load cli|startup [--profiles N] [--app DIR]   (memory while loading members)
if (args.Length > 1 && args[0] == "load" && args[1] is "cli" or "startup")
{
    return await PeerBot.Benchmarks.Memory.LoadBenchmark.RunAsync(args[1..]);
}
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- load [seconds per run] [connections] [--baseline PATH/PeerBot.dll]   (turns under load)
if (args.Length > 0 && args[0] == "load")
{
    return await PeerBot.Benchmarks.Load.LoadBenchmark.RunAsync(args[1..]);
}
// The echo bot the load run compares with, as its own process (started by the load run).
if (args.Length > 0 && args[0] == "echo-bot")
{
    return await PeerBot.Benchmarks.Load.EchoBotHost.RunAsync(args[1..]);
}
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- changes [members] [changed]
if (args.Length > 0 && args[0] == "changes")
{
    return await PeerBot.Benchmarks.Changes.ChangeFeedBenchmark.RunAsync(args[1..]);
}
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- --percentiles [--profiles N] [--queries N]
// dotnet run -c Release --project tests/PeerBot.Benchmarks -- --filter '*'   (BenchmarkDotNet; size from PEERBOT_BENCH_PROFILES)
if (args.Contains("--percentiles"))
{
    int Option(string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
    return Percentiles.Run(Option("--profiles", 1_000_000), Option("--queries", 10_000));
}
BenchmarkSwitcher.FromAssembly(typeof(SyntheticNetwork).Assembly).Run(args);
return 0;
