using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- --filter '*Reply*'
//        dotnet run -c Release --project tests/PeerBot.Benchmarks -- nudges [count] [instances]
if (args.Length > 0 && args[0] == "nudges")
{
    return await PeerBot.Benchmarks.Nudges.NudgeBenchmark.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(PeerBot.Benchmarks.Teams.ReplyBenchmarks).Assembly).Run(args);
return 0;
