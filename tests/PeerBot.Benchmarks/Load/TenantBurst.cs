using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Benchmarks.Load;

/// <summary>
/// A tenant-wide burst: an all-hands post has told everyone to try /findpeer, and <c>count</c> members of one tenant
/// send it at the same moment. Teams lets a bot send about 50 messages a second into one tenant, so the replies must
/// leave at that pace, each exactly once. Where a turn's HTTP request is still open after 15 s, Teams would give up on
/// it and deliver the activity again: the run does so too, and the repeat must bring no second reply.
/// </summary>
public static class TenantBurst
{
    private static readonly TimeSpan TeamsGivesUpAfter = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(Process bot, LoopbackConnector connector, int port, int count, Func<int, JsonObject> search)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(3) };
        var bodies = Enumerable.Range(0, count).Select(i => search(i).ToJsonString()).ToArray();
        var ids = bodies.Select(b => JsonNode.Parse(b)!["id"]!.GetValue<string>()).ToArray();
        // Let the onboarding's own replies drain first: the tenant's pace is shared.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var sendsBefore = connector.SendTimes.Count;
        bot.Refresh();
        var cpuBefore = bot.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var redelivered = 0;
        var failed = 0;
        var latencies = await Task.WhenAll(bodies.Select(async body =>
        {
            var watch = Stopwatch.StartNew();
            var first = client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            Task<HttpResponseMessage>? repeat = null;
            if (await Task.WhenAny(first, Task.Delay(TeamsGivesUpAfter)) != first)
            {
                Interlocked.Increment(ref redelivered);
                repeat = client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            }
            using (var response = await first)
            {
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            var took = watch.Elapsed.TotalMilliseconds;
            if (repeat is not null)
            {
                using var again = await repeat;
                if (!again.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            return took;
        }));
        var answeredAt = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // Replies still queued after the last answer would show here.
        await Task.Delay(TimeSpan.FromSeconds(3));
        bot.Refresh();
        var cpu = (bot.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var sends = connector.SendTimes.Skip(sendsBefore).Select(t => (t - start) / (double)Stopwatch.Frequency).Order().ToArray();
        var busiest = 0;
        for (int low = 0, high = 0; high < sends.Length; high++)
        {
            while (sends[high] - sends[low] >= 1.0)
            {
                low++;
            }
            busiest = Math.Max(busiest, high - low + 1);
        }
        var once = ids.Count(id => connector.Replies.GetValueOrDefault(id) == 1);
        var twice = ids.Count(id => connector.Replies.GetValueOrDefault(id) > 1);
        var none = ids.Count(id => !connector.Replies.ContainsKey(id));
        Array.Sort(latencies);
        Console.WriteLine(LoadBenchmark.Invariant($"Tenant-wide burst: {count:N0} members of one tenant send /findpeer at once (load average {LoadBenchmark.LoadAverage()})."));
        Console.WriteLine("| measure | result |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine(LoadBenchmark.Invariant($"| replies, each to its own turn | {sends.Length:N0} |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| turns answered exactly once / twice / never | {once:N0} / {twice:N0} / {none:N0} |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| first reply / last reply after the burst | {(sends.Length > 0 ? sends[0] : 0):F2} s / {(sends.Length > 0 ? sends[^1] : 0):F1} s |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| most replies in any one second | {busiest} |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| mean reply rate, first to last | {(sends.Length > 1 ? (sends.Length - 1) / (sends[^1] - sends[0]) : 0):F1}/s |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| HTTP answer to the turn: p50 / p99 / slowest | {LoadBenchmark.At(latencies, 0.5) / 1000:F1} s / {LoadBenchmark.At(latencies, 0.99) / 1000:F1} s / {latencies[^1] / 1000:F1} s |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| turns still open after 15 s, delivered again | {redelivered:N0} |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| all turns answered (HTTP) after | {answeredAt:F1} s |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| failed HTTP answers | {failed} |"));
        Console.WriteLine(LoadBenchmark.Invariant($"| bot CPU per turn | {cpu / count:F2} ms |"));
        return twice == 0 && none == 0 && failed == 0 ? 0 : 1;
    }
}
