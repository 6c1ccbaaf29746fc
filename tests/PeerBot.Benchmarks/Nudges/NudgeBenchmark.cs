using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PeerBot.Storage;
using PeerBot.Tests.Nudges;
using PeerBot.Tests.Storage;

namespace PeerBot.Benchmarks.Nudges;

/// <summary>
/// N due nudges, sent by the bot's own executable (one or more instances) through its pacing to a connector
/// that allows 50 requests a second and answers 429 beyond. Reports throughput as a share of the allowed
/// rate, duplicates and losses.
/// Usage: dotnet run -c Release --project tests/PeerBot.Benchmarks -- nudges [count] [instances]
/// </summary>
public static class NudgeBenchmark
{
    private const int AllowedPerSecond = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var instances = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var prefix = Azurite.UniquePrefix("bench");
        await using var connector = new RateLimitedConnector(Azurite.FreePort(), AllowedPerSecond);

        var clock = Stopwatch.StartNew();
        await NudgeSeed.DueNudgesAsync(Azurite.ConnectionString, prefix, connector.ServiceUrl, count, DateTimeOffset.UtcNow.AddMinutes(-1));
        Console.WriteLine($"Seeded {count:N0} due nudges in {clock.Elapsed.TotalSeconds:F0} s; starting {instances} bot instance(s).");

        var bots = Enumerable.Range(0, instances).Select(_ => StartBot(prefix)).ToList();
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromHours(2);
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            var seen = 0;
            while (distinct.Count < count && DateTime.UtcNow < deadline && bots.All(b => !b.HasExited))
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                foreach (var (conversation, _) in connector.Accepted.Skip(seen))
                {
                    distinct.Add(conversation);
                    seen++;
                }
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} accepted {seen:N0} ({distinct.Count:N0} members), 429s {connector.Throttled:N0}");
            }
            // Anything sent twice would have arrived by now.
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        finally
        {
            foreach (var bot in bots.Where(b => !b.HasExited))
            {
                bot.Kill(entireProcessTree: true);
            }
        }

        var accepted = connector.Accepted.ToList();
        var members = accepted.Select(a => a.Conversation).Distinct(StringComparer.Ordinal).Count();
        var seconds = (accepted.Max(a => a.At) - accepted.Min(a => a.At)) / 1000.0;
        var rate = (accepted.Count - 1) / seconds;
        var delivered = await DeliveredAsync(prefix);
        Console.WriteLine();
        Console.WriteLine($"Nudges due:              {count:N0}");
        Console.WriteLine($"Instances:               {instances}");
        Console.WriteLine($"Accepted by connector:   {accepted.Count:N0} to {members:N0} members");
        Console.WriteLine($"Duplicates:              {accepted.Count - members:N0}");
        Console.WriteLine($"Lost:                    {count - members:N0}");
        Console.WriteLine($"Ledger 'Delivered' rows: {delivered:N0}");
        Console.WriteLine($"429 answers:             {connector.Throttled:N0}");
        Console.WriteLine($"First to last send:      {seconds:F1} s");
        Console.WriteLine($"Throughput:              {rate:F2} messages/s = {rate / AllowedPerSecond:P1} of the allowed {AllowedPerSecond}/s");
        return accepted.Count == count && members == count ? 0 : 1;
    }

    private static async Task<int> DeliveredAsync(string prefix)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(new TableNames(prefix).NudgeDeliveries);
        var delivered = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.GetString("Status") == "Delivered", select: ["Status"]))
        {
            delivered++;
        }
        return delivered;
    }

    private static Process StartBot(string prefix)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var app = Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot", "bin", here.Parent!.Name, here.Name);
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__TablePrefix"] = prefix,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Teams__Connector__TenantPerSecond"] = AllowedPerSecond.ToString(CultureInfo.InvariantCulture),
            // Azurite's queue slows down with its length: keep it short (Azure Storage does not need this).
            ["Nudges__QueueHighWater"] = "2000",
            ["Nudges__Concurrency"] = "48",
        };
        return BotProcess.Start("dotnet", [Path.Combine(app, "PeerBot.dll")], app, settings);
    }
}
