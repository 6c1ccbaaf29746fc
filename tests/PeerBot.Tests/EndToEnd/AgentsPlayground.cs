using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// The Microsoft 365 Agents Playground from tools/node_modules: a local stand-in for Teams that serves
/// a chat UI and relays what is typed there to the bot as msteams activities, with itself as the
/// connector (serviceUrl http://localhost:PORT/_connector).
/// </summary>
public sealed partial class AgentsPlayground : IAsyncDisposable
{
    /// <summary>The tenant of the Playground's built-in mock user (Alex Wilber), from its default configuration.</summary>
    public const string Tenant = "00000000-0000-0000-0000-0000000000001";

    /// <summary>The Playground's mock user (Alex Wilber), as their Entra object id.</summary>
    public const string UserId = "00000000-0000-0000-0000-0000000000020";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string _workDirectory;

    private AgentsPlayground(Process process, ConcurrentQueue<string> output, string workDirectory)
    {
        _process = process;
        _output = output;
        _workDirectory = workDirectory;
    }

    /// <summary>Where the chat UI is served.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What the Playground printed plus its own log file, for failure reports.</summary>
    public string Log
    {
        get
        {
            var file = Path.Combine(_workDirectory, "playground.log");
            var log = File.Exists(file) ? File.ReadAllText(file) : "";
            return string.Join('\n', _output) + "\n--- playground.log ---\n" + log;
        }
    }

    public static async Task<AgentsPlayground> StartAsync(Uri botEndpoint, TimeSpan timeout)
    {
        var cli = Path.Combine(Azurite.RepositoryRoot(), "tools", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The Agents Playground is not installed at {cli}: run 'npm ci --prefix tools' (scripts/test.sh does this).");
        }
        // Its working directory is where it looks for .m365agentsplayground.yml and writes logs: keep it private.
        var workDirectory = Directory.CreateTempSubdirectory("peerbot-playground-").FullName;
        var port = Azurite.FreePort().ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("node", [cli, "-e", botEndpoint.ToString(), "-c", "msteams", "-p", port, "--disable-telemetry"])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Serve the UI only; the test opens it in its own browser.
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["TEAMSAPPTESTER_LOGFILE"] = Path.Combine(workDirectory, "playground.log");

        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            output.Enqueue(e.Data);
            // It falls back to a random port when the asked one is taken, and says which it got.
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The Agents Playground exited:\n" + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var playground = new AgentsPlayground(process, output, workDirectory);
        try
        {
            var actual = await listening.Task.WaitAsync(timeout);
            playground.Address = new Uri($"http://127.0.0.1:{actual}/");
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed; the temp folder is cleaned up by the OS eventually.
        }
    }

    [GeneratedRegex(@"^Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
