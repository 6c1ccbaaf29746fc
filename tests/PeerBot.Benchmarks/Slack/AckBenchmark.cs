using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using PeerBot.Tests.Slack;
using PeerBot.Tests.Storage;

namespace PeerBot.Benchmarks.Slack;

/// <summary>
/// How long Slack waits for its acknowledgement while the bot is busy: the bot's own executable (in single-workspace
/// mode, with the demo network) gets N signed <c>/findpeer</c> commands from many members in many channels, either
/// as fast as C concurrent senders can send them or at a fixed rate; each acknowledgement is timed, and every answer
/// must then arrive at its response_url, once. With <c>--baseline PATH</c> the same run is made, in the same
/// invocation, against another build of the executable (e.g. the one before acknowledged work was kept in storage).
/// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- slack-ack [requests] [concurrency] [--rate N] [--baseline PATH/PeerBot.dll]
/// </summary>
public static class AckBenchmark
{
    private static readonly string[] Roles = ["VP marketing", "CFO", "Director of engineering", "Head of customer success", "VP sales", "nurse manager", "CTO", "Head of people"];

    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var requests = numbers.Length > 0 ? numbers[0] : 3000;
        var concurrency = numbers.Length > 1 ? numbers[1] : 16;
        var rate = Option(args, "--rate") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 0;
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var builds = new List<(string Name, string Dll)>
        {
            ("this build", Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot", "bin", here.Parent!.Name, here.Name, "PeerBot.dll")),
        };
        if (Option(args, "--baseline") is { } baseline)
        {
            builds.Add(("baseline", Path.GetFullPath(baseline)));
        }
        Console.WriteLine($"{requests:N0} /findpeer commands, {(rate > 0 ? $"{rate}/s" : $"{concurrency} concurrent senders, as fast as acknowledged")}; {Environment.ProcessorCount} cores.");
        var results = new List<string>();
        var ok = true;
        foreach (var (name, dll) in builds)
        {
            var (row, complete) = await RunOneAsync(name, dll, requests, concurrency, rate);
            results.Add(row);
            ok &= complete;
        }
        Console.WriteLine();
        Console.WriteLine("| executable | requests | load | ack p50 | ack p95 | ack p99 | ack max | answered | answered twice | last answer after |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        results.ForEach(Console.WriteLine);
        return ok ? 0 : 1;
    }

    private static async Task<(string Row, bool Complete)> RunOneAsync(string name, string dll, int requests, int concurrency, int rate)
    {
        await using var slack = new SlackStub();
        var port = Azurite.FreePort();
        using var bot = Start(dll, Azurite.UniquePrefix("ackbench"), port, slack);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await BotProcess.WaitUntilUpAsync(client, bot);
            for (var i = 0; i < 400; i++)
            {
                slack.Users[$"U{i:D4}"] = ($"Member {i}", $"member{i}@org{i % 40}.example");
            }
            // Warm up: JIT, connection pools, the directory.
            await SendAllAsync(client, slack, "warm", 50, 4, 0, new ConcurrentBag<double>());
            await WaitForAnswersAsync(slack, "warm", 50, TimeSpan.FromMinutes(2));

            var acks = new ConcurrentBag<double>();
            var clock = Stopwatch.StartNew();
            await SendAllAsync(client, slack, "load", requests, concurrency, rate, acks);
            var sent = clock.Elapsed;
            var answered = await WaitForAnswersAsync(slack, "load", requests, TimeSpan.FromMinutes(20));
            var lastAnswer = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(5));
            var perRequest = slack.Calls.Where(c => c.Method.StartsWith("response_url:load-", StringComparison.Ordinal)).GroupBy(c => c.Method).ToList();
            var twice = perRequest.Count(g => g.Count() > 1);
            var sorted = acks.Order().ToArray();
            Console.WriteLine($"{name}: {requests:N0} acknowledged in {sent.TotalSeconds:F1} s ({requests / sent.TotalSeconds:F0}/s), {answered:N0} answered after {lastAnswer.TotalSeconds:F1} s, {twice} twice.");
            var load = rate > 0 ? $"{rate}/s" : $"{concurrency} senders";
            var row = Invariant($"| {name} | {requests:N0} | {load} | {At(sorted, 0.50):F1} ms | {At(sorted, 0.95):F1} ms | {At(sorted, 0.99):F1} ms | {sorted[^1]:F1} ms | {perRequest.Count:N0} | {twice} | {lastAnswer.TotalSeconds:F1} s |");
            return (row, perRequest.Count == requests && twice == 0);
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task SendAllAsync(HttpClient client, SlackStub slack, string label, int count, int concurrency, int rate, ConcurrentBag<double> acks)
    {
        var started = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = rate > 0 ? 256 : concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, cancellationToken) =>
        {
            if (rate > 0)
            {
                // Open loop: request i leaves at i / rate seconds, however slow the answers are.
                var due = TimeSpan.FromSeconds((double)i / rate) - started.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }
            var member = $"U{i % 400:D4}";
            var body = SlackRequests.Command(member, "/findpeer", Roles[i % Roles.Length], $"C{i % 97:D4}", slack.ResponseUrl($"{label}-{i}"), team: $"T{i % 20:D3}");
            using var request = SlackRequests.SignedPost("/slack/commands", body);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, cancellationToken);
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength > 0)
            {
                throw new InvalidOperationException($"Command {i} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            acks.Add(watch.Elapsed.TotalMilliseconds);
        });
    }

    private static async Task<int> WaitForAnswersAsync(SlackStub slack, string label, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var prefix = $"response_url:{label}-";
        while (true)
        {
            var answered = slack.Calls.Where(c => c.Method.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Method).Distinct(StringComparer.Ordinal).Count();
            if (answered >= count || DateTime.UtcNow > deadline)
            {
                return answered;
            }
            await Task.Delay(250);
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Process Start(string dll, string prefix, int port, SlackStub slack)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo__Seed"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Slack__SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack__BotToken"] = "xoxb-benchmark",
        };
        return BotProcess.Start("dotnet", [dll], Path.GetDirectoryName(dll)!, settings);
    }
}
