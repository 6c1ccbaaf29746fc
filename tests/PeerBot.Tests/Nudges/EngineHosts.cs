using System.Diagnostics;
using Azure.Data.Tables;
using PeerBot.Storage;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>Bot instances that share one set of tables and queues: in process (<see cref="BotHost"/>) or as a separate OS process.</summary>
public static class EngineHosts
{
    public static Dictionary<string, string?> Settings(string prefix, int tenantPerSecond, TimeSpan visibility) => new()
    {
        ["Storage:TablePrefix"] = prefix,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Nudges:SweepInterval"] = "00:00:01",
        ["Nudges:SweepLease"] = "00:00:05",
        ["Nudges:PollInterval"] = "00:00:00.200",
        ["Nudges:VisibilityTimeout"] = visibility.ToString(),
        ["Nudges:HeartbeatInterval"] = "00:00:01",
        ["Nudges:Concurrency"] = "16",
        // Azurite's queue slows down with its length (each receive scans it): keep it short.
        ["Nudges:QueueHighWater"] = "300",
        ["Teams:Connector:TenantPerSecond"] = tenantPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static BotHost InProcess(string prefix, int tenantPerSecond, TimeSpan visibility)
    {
        var host = new BotHost("engine", Settings(prefix, tenantPerSecond, visibility));
        _ = host.Services; // starts the host, and with it the sweeper and the queue worker
        return host;
    }

    /// <summary>The bot's own executable, started with the same settings as environment variables.</summary>
    public static Process OutOfProcess(string prefix, int tenantPerSecond, TimeSpan visibility) =>
        Executable(Settings(prefix, tenantPerSecond, visibility));

    /// <summary>The bot's own executable (the build beside this test assembly's), with these settings on top of local, unauthenticated ones.</summary>
    public static Process Executable(IDictionary<string, string?> settings)
    {
        var test = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = test.Parent!.Name; // …/bin/<configuration>/net10.0/
        var app = Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot", "bin", configuration, test.Name);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, "PeerBot.dll")])
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppType"] = "",
            ["Demo:Seed"] = "false",
            ["Intros:SweepInterval"] = "40.00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Every row of the delivery ledger: its status, owner and how often a dead owner's claim was taken over.</summary>
    public static async Task<List<TableEntity>> LedgerAsync(string prefix)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(new TableNames(prefix).NudgeDeliveries);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        return rows;
    }

    public static async Task WaitForAsync(Func<bool> done, TimeSpan timeout, Func<string> progress)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out: " + progress());
            }
            await Task.Delay(250);
        }
    }
}
