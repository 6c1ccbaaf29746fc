using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Benchmarks.Load;

/// <summary>
/// Teams turns under load, side by side with the SDK's echo bot. Starts PeerBot's own executable (Release, this
/// build) against Azurite and a <see cref="LoopbackConnector"/>, and the echo bot (<see cref="EchoBotHost"/>) from the
/// same build; onboards 2,000 members through the profile form, each in their own tenant; then drives each kind of
/// turn with the same closed-loop load (8 connections) for the same time, in three alternating rounds. Every
/// hundredth request repeats an earlier activity (a redelivery), which must bring no second reply.
/// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- load [seconds per run] [connections] [--baseline PATH/PeerBot.dll] [--profile SECONDS] [--one-tenant] [--burst COUNT]
/// </summary>
public static class LoadBenchmark
{
    private const int Members = 1000;
    private static readonly string[] Roles = ["VP marketing", "CFO", "Director of engineering", "Head of customer success", "VP sales", "CTO", "Head of people", "nurse manager"];

    /// <summary>With <c>--one-tenant</c>, every member is in the same tenant: Teams' per-tenant pace (50 a second) binds.</summary>
    private static bool _oneTenant;

    /// <summary>With <c>--burst</c>, the askers (m…) share one tenant, and the peers they find are each in their own.</summary>
    private static bool _askersShareTenant;

    public static async Task<int> RunAsync(string[] args)
    {
        _oneTenant = args.Contains("--one-tenant");
        var burst = Option(args, "--burst") is { } burstText ? Math.Min(Members, int.Parse(burstText, CultureInfo.InvariantCulture)) : 0;
        _askersShareTenant = burst > 0;
        var numbers = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var seconds = numbers.Length > 0 ? numbers[0] : 10;
        var connections = numbers.Length > 1 ? numbers[1] : 8;
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Option(args, "--baseline") is { } baseline ? Path.GetFullPath(baseline)
            : Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot", "bin", here.Parent!.Name, here.Name, "PeerBot.dll");
        Console.WriteLine($"Load: {connections} connections, {seconds} s per run, 3 rounds; {Environment.ProcessorCount} cores; {(_oneTenant ? "all members in one tenant" : _askersShareTenant ? "askers in one tenant, peers each in their own" : "each member in a tenant of their own")}; bot {dll}");
        Console.WriteLine($"Load average at start: {LoadAverage()}");

        await using var connector = new LoopbackConnector();
        var botPort = Azurite.FreePort();
        var echoPort = Azurite.FreePort();
        var perTurnEchoPort = Azurite.FreePort();
        using var bot = Start("dotnet", [dll], Path.GetDirectoryName(dll)!, new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__TablePrefix"] = Azurite.UniquePrefix("load"),
            ["Storage__ReportCalls"] = "true",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo__Seed"] = "true",
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("PEERBOT_LOAD_LOG") ?? "Warning",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{botPort}",
        });
        // The echo bot runs with the runtime settings PeerBot ships with (see bot/PeerBot/PeerBot.csproj).
        var echoSettings = new Dictionary<string, string>
        {
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_gcConcurrent"] = "1",
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
        };
        using var echo = Start("dotnet", [typeof(LoadBenchmark).Assembly.Location, "echo-bot", echoPort.ToString(CultureInfo.InvariantCulture)], AppContext.BaseDirectory, echoSettings);
        using var perTurnEcho = Start("dotnet", [typeof(LoadBenchmark).Assembly.Location, "echo-bot", perTurnEchoPort.ToString(CultureInfo.InvariantCulture), "per-turn"], AppContext.BaseDirectory, echoSettings);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var botClient = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{botPort}"), Timeout = TimeSpan.FromSeconds(30) };
        using var echoClient = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{echoPort}"), Timeout = TimeSpan.FromSeconds(30) };
        using var perTurnEchoClient = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri($"http://127.0.0.1:{perTurnEchoPort}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await BotProcess.WaitUntilUpAsync(botClient, bot);
            await BotProcess.WaitUntilUpAsync(echoClient, echo);
            await BotProcess.WaitUntilUpAsync(perTurnEchoClient, perTurnEcho);
            var url = connector.ServiceUrl;

            // Members arrive as they do: the form, saved. Askers m0…m999 and the peers they ask for p0…p999.
            var setup = Stopwatch.StartNew();
            await DriveAsync(botClient, 2 * Members, connections, i => InTenant(Activities.Submit(url, Name(i), Form(i)), Name(i)));
            // Each asker's first search (their intros come into memory), then the runs.
            await DriveAsync(botClient, Members, connections, i => Search(url, $"m{i}", i));
            await DriveAsync(echoClient, 500, connections, i => Activities.Message(url, $"m{i % Members}", "hello"));
            await DriveAsync(perTurnEchoClient, 500, connections, i => Activities.Message(url, $"m{i % Members}", "hello"));
            Console.WriteLine($"Onboarded {2 * Members:N0} members through the form and warmed up in {setup.Elapsed.TotalSeconds:F0} s.");

            if (burst > 0)
            {
                return await TenantBurst.RunAsync(bot, connector, botPort, burst, i => Search(url, $"m{i}", i));
            }

            if (Option(args, "--profile") is { } profileSeconds)
            {
                // For a profiler attached from outside (dotnet-trace collect -p PID): returning members' searches only.
                Console.WriteLine($"Bot process id {bot.Id}: /findpeer by returning members for {profileSeconds} s.");
                var profiled = await MeasureAsync(botClient, bot, connector, TimeSpan.FromSeconds(int.Parse(profileSeconds, CultureInfo.InvariantCulture)), connections, i => Search(url, $"m{i % Members}", i), true);
                Console.WriteLine(Invariant($"  {profiled.Requests:N0} turns, {profiled.PerSecond:F0}/s, CPU {profiled.CpuPerTurn:F2} ms/turn"));
                return 0;
            }

            var runs = new (string Name, HttpClient Client, Func<int, int, JsonObject> Next, bool Dedupes)[]
            {
                ("/findpeer, returning member", botClient, (round, i) => Search(url, $"m{i % Members}", i), true),
                ("/findpeer, new member", botClient, (round, i) => InTenant(Activities.Message(url, $"n{round}x{i}", "/findpeer " + Roles[i % Roles.Length]), $"n{round}x{i}"), true),
                ("help", botClient, (round, i) => InTenant(Activities.Message(url, $"m{i % Members}", "help"), $"m{i % Members}"), true),
                ("request intro (card action)", botClient, (round, i) => Request(url, round, i), true),
                (PerTurnEcho, perTurnEchoClient, (round, i) => Activities.Message(url, $"m{i % Members}", "hello"), false),
                (KeptEcho, echoClient, (round, i) => Activities.Message(url, $"m{i % Members}", "hello"), false),
            };
            var processes = new Dictionary<HttpClient, Process> { [botClient] = bot, [echoClient] = echo, [perTurnEchoClient] = perTurnEcho };
            var results = runs.ToDictionary(r => r.Name, _ => new List<RunResult>());
            for (var round = 1; round <= 3; round++)
            {
                Console.WriteLine($"Round {round} (load average {LoadAverage()})");
                foreach (var run in runs)
                {
                    var process = processes[run.Client];
                    var sentBefore = connector.IntrosSent;
                    var result = await MeasureAsync(run.Client, process, connector, TimeSpan.FromSeconds(seconds), connections, i => run.Next(round, i), run.Dedupes);
                    results[run.Name].Add(result);
                    var intros = run.Name.StartsWith("request", StringComparison.Ordinal) ? $", {connector.IntrosSent - sentBefore:N0} requests sent (the rest refused by the limits)" : "";
                    Console.WriteLine(Invariant($"  {run.Name}: {result.Requests:N0} in {result.Seconds:F1} s = {result.PerSecond:F0}/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, CPU {result.CpuPerTurn:F2} ms/turn, storage {result.CallsPerTurn:F2} calls/turn, {result.Redelivered} redelivered ({result.AnsweredTwice} answered twice){intros}"));
                }
            }

            double Rate(string name) => results[name].Sum(r => r.Requests) / results[name].Sum(r => r.Seconds);
            var (echoRate, keptEchoRate) = (Rate(PerTurnEcho), Rate(KeptEcho));
            Console.WriteLine();
            Console.WriteLine($"Load average at end: {LoadAverage()}");
            Console.WriteLine("| turn | requests/s | vs echo (per-turn clients) | vs echo (kept clients) | p50 | p99 | bot CPU per turn | storage calls per turn | redelivered (answered twice) |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var run in runs)
            {
                var all = results[run.Name];
                var rate = all.Sum(r => r.Requests) / all.Sum(r => r.Seconds);
                var latencies = all.SelectMany(r => r.Latencies).Order().ToArray();
                var cpu = all.Sum(r => r.CpuMs) / all.Sum(r => r.Requests);
                var calls = run.Dedupes ? Invariant($"{(double)all.Sum(r => r.Calls) / all.Sum(r => r.Requests):F2}") : "—";
                Console.WriteLine(Invariant($"| {run.Name} | {rate:F0} | {100 * rate / echoRate:F0} % | {100 * rate / keptEchoRate:F0} % | {At(latencies, 0.50):F1} ms | {At(latencies, 0.99):F1} ms | {cpu:F2} ms | {calls} | {all.Sum(r => r.Redelivered)} ({all.Sum(r => r.AnsweredTwice)}) |"));
            }
            return results.Values.SelectMany(r => r).Any(r => r.AnsweredTwice > 0) ? 1 : 0;
        }
        finally
        {
            foreach (var process in new[] { bot, echo, perTurnEcho })
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    private const string PerTurnEcho = "echo bot (SDK, shared resolver, clients per turn)";
    private const string KeptEcho = "echo bot (SDK, wired as PeerBot: clients kept)";

    private sealed record RunResult(int Requests, double Seconds, double[] Latencies, double CpuMs, long Calls, int Redelivered, int AnsweredTwice)
    {
        public double PerSecond => Requests / Seconds;
        public double P50 => At([.. Latencies.Order()], 0.50);
        public double P99 => At([.. Latencies.Order()], 0.99);
        public double CpuPerTurn => CpuMs / Requests;
        public double CallsPerTurn => (double)Calls / Requests;
    }

    private static async Task<RunResult> MeasureAsync(HttpClient client, Process process, LoopbackConnector connector, TimeSpan duration, int connections, Func<int, JsonObject> next, bool dedupes)
    {
        var latencies = new ConcurrentBag<double>();
        var recent = new ConcurrentDictionary<int, string>();
        long calls = 0;
        int counter = -1, redelivered = 0, answeredTwice = 0;
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref counter);
                string body;
                string? repeatOf = null;
                if (i % 100 == 99 && recent.TryGetValue(i - 50, out var earlier))
                {
                    // A redelivery: the same activity (id, timestamp and all) again.
                    body = earlier;
                    repeatOf = JsonNode.Parse(earlier)!["id"]!.GetValue<string>();
                    Interlocked.Increment(ref redelivered);
                }
                else
                {
                    body = next(i).ToJsonString();
                    if (i % 100 == 49)
                    {
                        recent[i] = body;
                    }
                }
                var repliesBefore = repeatOf is null ? 0 : connector.Replies.GetValueOrDefault(repeatOf);
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.Headers.TryGetValues("PeerBot-Storage-Calls", out var values))
                {
                    Interlocked.Add(ref calls, long.Parse(values.Single(), CultureInfo.InvariantCulture));
                }
                if (dedupes && repeatOf is not null && connector.Replies.GetValueOrDefault(repeatOf) != repliesBefore)
                {
                    Interlocked.Increment(ref answeredTwice);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return new RunResult(latencies.Count, seconds, [.. latencies], cpu, calls, redelivered, answeredTwice);
    }

    private static Task DriveAsync(HttpClient client, int count, int connections, Func<int, JsonObject> next) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (i, ct) =>
        {
            using var response = await client.PostAsync("/api/messages", new StringContent(next(i).ToJsonString(), Encoding.UTF8, "application/json"), ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });

    private static string Name(int i) => i < Members ? $"m{i}" : $"p{i - Members}";

    private static JsonObject Form(int i) => new()
    {
        ["action"] = "saveProfile",
        ["name"] = $"Leader {i}",
        ["title"] = i % 2 == 0 ? "VP Marketing" : "Chief Financial Officer",
        ["organization"] = $"Organization {i}",
        ["headcount"] = (50 + (i * 37 % 5000)).ToString(CultureInfo.InvariantCulture),
        ["industry"] = "Software",
        ["timeZone"] = "Europe/London",
        ["topics"] = "pricing; hiring",
        ["discoverable"] = "true",
    };

    private static JsonObject Search(string url, string user, int i) =>
        InTenant(Activities.Message(url, user, "/findpeer " + Roles[i % Roles.Length]), user);

    /// <summary>Asker m(i mod 1000) asks for peer p(…): every pair differs; the limits (5 a week, 3 waiting) refuse the rest.</summary>
    private static JsonObject Request(string url, int round, int i)
    {
        var asker = $"m{i % Members}";
        var peer = $"p{(i + (i / Members) + (round * 7)) % Members}";
        return InTenant(Activities.Submit(url, asker, new JsonObject { ["action"] = "requestIntro", ["peer"] = "msteams:" + peer }), asker);
    }

    /// <summary>Each member in a tenant of their own, so Teams' per-tenant pacing never binds.</summary>
    private static JsonObject InTenant(JsonObject activity, string user)
    {
        var tenant = _oneTenant || (_askersShareTenant && user.StartsWith('m')) ? "tenant-shared" : "tenant-" + user;
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
        return activity;
    }

    private static Process Start(string file, string[] arguments, string directory, Dictionary<string, string> environment) =>
        BotProcess.Start(file, arguments, directory, environment);

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double At(double[] sorted, double quantile) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1))];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
