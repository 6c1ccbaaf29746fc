using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- --filter '*Reply*'
BenchmarkSwitcher.FromAssembly(typeof(PeerBot.Benchmarks.Teams.ReplyBenchmarks).Assembly).Run(args);
