using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using PeerBot.Cli;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Matching.Evaluation;
using PeerBot.Tests.Storage;

namespace PeerBot.Benchmarks.Memory;

/// <summary>
/// Peak memory while loading a network, measured on the real executable as the operating system sees it (the
/// process's maximum resident set size):
/// <list type="bullet">
/// <item><c>load cli [--profiles N] [--app DIR]</c>: <c>PeerBot.dll search --directory FILE --query …</c> over the synthetic
/// network written as a member CSV, beside the Lucene BM25 baseline indexing the same file's titles in its own process.
/// <c>--app</c> measures another build of PeerBot (an older commit) on the same file.</item>
/// <item><c>load startup [--profiles N]</c>: the bot's own start-up load from Table Storage (Azurite), with N profiles seeded.</item>
/// </list>
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var profiles = Option(args, "--profiles", 1_000_000);
        return args.FirstOrDefault() switch
        {
            "cli" => Cli(profiles, Value(args, "--app")),
            "startup" => await StartupAsync(profiles),
            "bm25" => Bm25(args[1]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("load cli [--profiles N] [--app DIR] | load startup [--profiles N]");
        return 2;
    }

    private static int Cli(int profiles, string? otherApp)
    {
        var file = NetworkFile(profiles);
        Console.WriteLine(Invariant($"Member file: {file} ({new FileInfo(file).Length / 1_048_576.0:0} MiB, {profiles:N0} members)"));
        var app = otherApp ?? AppDirectory();
        var ours = Measure("dotnet", [Path.Combine(app, "PeerBot.dll"), "search", "--directory", file, "--query", "VP marketing", "--json"], app);
        var baseline = Measure("dotnet", [typeof(LoadBenchmark).Assembly.Location, "load", "bm25", file], AppContext.BaseDirectory);
        Console.WriteLine();
        Console.WriteLine("| load of the member file | peak resident memory | wall time |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(Invariant($"| PeerBot `search --directory` ({app}) | {ours.PeakMiB:0} MiB | {ours.Seconds:0.0} s |"));
        Console.WriteLine(Invariant($"| Lucene BM25 over the titles (streamed) | {baseline.PeakMiB:0} MiB | {baseline.Seconds:0.0} s |"));
        return ours.ExitCode == 0 && baseline.ExitCode == 0 ? 0 : 1;
    }

    /// <summary>The baseline's side: stream the member file and index every title with Lucene BM25, in this process.</summary>
    private static int Bm25(string file)
    {
        var titles = new List<string>();
        MemberCsv.ReadEach(file, DateTimeOffset.UtcNow, (peer, _) => titles.Add(peer.Title), _ => { });
        using var bm25 = new Bm25Titles(titles);
        return bm25.Search("VP marketing", 5).Count > 0 ? 0 : 1;
    }

    private static async Task<int> StartupAsync(int profiles)
    {
        var prefix = Azurite.UniquePrefix("load");
        var clock = Stopwatch.StartNew();
        await SeedAsync(prefix, profiles);
        Console.WriteLine(Invariant($"Seeded {profiles:N0} profiles into Azurite in {clock.Elapsed.TotalSeconds:0} s; starting the bot."));

        var app = AppDirectory();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, "PeerBot.dll")])
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__PeerBot.Matching"] = "Information",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Matching__RefreshSeconds"] = "600",
            ["Matching__FullResyncMinutes"] = "0",
        })
        {
            start.Environment[key] = value;
        }
        clock.Restart();
        using var bot = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        var loaded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Directory loaded", StringComparison.Ordinal) == true)
            {
                loaded.TrySetResult(e.Data);
            }
        };
        bot.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { Console.WriteLine("  bot: " + e.Data); } };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        long peakDuringLoad = 0;
        try
        {
            while (!loaded.Task.IsCompleted && !bot.HasExited)
            {
                peakDuringLoad = Math.Max(peakDuringLoad, Status(bot.Id, "VmHWM"));
                await Task.Delay(200);
            }
            var line = await loaded.Task.WaitAsync(TimeSpan.FromMinutes(1));
            var loadSeconds = clock.Elapsed.TotalSeconds;
            var peak = Status(bot.Id, "VmHWM");
            await Task.Delay(TimeSpan.FromSeconds(10));
            var settled = Status(bot.Id, "VmRSS");
            Console.WriteLine("  bot: " + line.Trim());
            Console.WriteLine();
            Console.WriteLine("| bot start-up from Table Storage | measure |");
            Console.WriteLine("|---|---|");
            Console.WriteLine(Invariant($"| profiles | {profiles:N0} |"));
            Console.WriteLine(Invariant($"| start to \"Directory loaded\" | {loadSeconds:0.0} s |"));
            Console.WriteLine(Invariant($"| peak resident memory by then | {peak / 1024.0:0} MiB |"));
            Console.WriteLine(Invariant($"| resident memory 10 s later | {settled / 1024.0:0} MiB |"));
            return 0;
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Writes the synthetic network as a member CSV once; later runs reuse it.</summary>
    private static string NetworkFile(int profiles)
    {
        var file = Path.Combine(Path.GetTempPath(), Invariant($"peerbot-network-{profiles}.csv"));
        if (File.Exists(file))
        {
            return file;
        }
        var partial = file + ".partial";
        using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(string.Join(',', MemberCsv.Columns));
            foreach (var p in SyntheticNetwork.Profiles(profiles))
            {
                writer.WriteLine(string.Join(',', Csv(p.Id), Csv(p.Name), Csv(p.Email ?? ""), Csv(p.Title), Csv(p.Organization),
                    p.Headcount.ToString(CultureInfo.InvariantCulture), Csv(p.Industry), Csv(p.TimeZone), Csv(string.Join(';', p.Topics))));
            }
        }
        File.Move(partial, file);
        return file;
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static async Task SeedAsync(string prefix, int profiles)
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var table = service.GetTableClient(new TableNames(prefix).Profiles);
        await table.CreateIfNotExistsAsync();
        // Rows of one partition go in batches of 100, several batches at a time.
        var pending = new Dictionary<string, List<TableTransactionAction>>(StringComparer.Ordinal);
        var inFlight = new List<Task>();
        foreach (var peer in SyntheticNetwork.Profiles(profiles))
        {
            var entity = ProfileStore.ToEntity(peer);
            if (!pending.TryGetValue(entity.PartitionKey, out var batch))
            {
                pending[entity.PartitionKey] = batch = [];
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            if (batch.Count == 100)
            {
                pending.Remove(entity.PartitionKey);
                inFlight.Add(table.SubmitTransactionAsync(batch));
                if (inFlight.Count >= 8)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }
            }
        }
        inFlight.AddRange(pending.Values.Where(b => b.Count > 0).Select(b => (Task)table.SubmitTransactionAsync(b)));
        await Task.WhenAll(inFlight);
    }

    private static (double PeakMiB, double Seconds, int ExitCode) Measure(string program, string[] arguments, string workingDirectory)
    {
        // GNU time reads the child's maximum resident set size from the kernel when it exits.
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", "peak-kib=%M wall=%e", program, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        var line = stderr.Split('\n').Last(l => l.StartsWith("peak-kib=", StringComparison.Ordinal));
        var parts = line.Split(' ');
        var kib = long.Parse(parts[0]["peak-kib=".Length..], CultureInfo.InvariantCulture);
        var seconds = double.Parse(parts[1]["wall=".Length..], CultureInfo.InvariantCulture);
        if (process.ExitCode != 0)
        {
            Console.WriteLine(stderr);
        }
        return (kib / 1024.0, seconds, process.ExitCode);
    }

    private static long Status(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    private static string AppDirectory()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot", "bin", here.Parent!.Name, here.Name);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
