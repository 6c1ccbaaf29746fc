using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PeerBot.Tests.Storage;

/// <summary>
/// One Azurite process for the whole test run, started from the repository's own npm lockfile
/// (tools/node_modules), in memory, on free loopback ports. Tests isolate themselves with a unique
/// table prefix rather than a fresh process each.
/// </summary>
public static class Azurite
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? _process;

    /// <summary>Connection string of the running Azurite (starting it on first use).</summary>
    public static string ConnectionString => Started.Value;

    /// <summary>Port of Azurite's table service (starting it on first use).</summary>
    public static int TablePort => int.Parse(
        ConnectionString.Split(';').First(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal)).Split(':')[2].Split('/')[0],
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The connection string with its table endpoint moved to another loopback port (e.g. a <see cref="TcpGate"/>).</summary>
    public static string ConnectionStringVia(int tablePort) =>
        string.Join(';', ConnectionString.Split(';').Select(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal)
            ? $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1"
            : p));

    /// <summary>A table prefix no other test uses (table names: letters and digits only, 3–63 chars).</summary>
    public static string UniquePrefix(string hint = "t")
    {
        var letters = new string(hint.Where(char.IsAsciiLetterOrDigit).Take(12).ToArray());
        return "t" + letters + Guid.NewGuid().ToString("N")[..10];
    }

    private static string Start()
    {
        var external = Environment.GetEnvironmentVariable("PEERBOT_TEST_STORAGE");
        if (!string.IsNullOrEmpty(external))
        {
            return external;
        }
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "tools", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci --prefix tools' (the test script does this).");
        }
        // The ports are free when chosen, but node takes a second or two to bind them, and meanwhile a test's own
        // stub may be handed the same port by the system. Azurite then exits at once (EADDRINUSE); new ports fix it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return StartOn(azurite, FreePort(), FreePort(), FreePort());
            }
            catch (AzuriteExitedException e) when (attempt < 5 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
            }
        }
    }

    private static string StartOn(string azurite, int blob, int queue, int table)
    {
        var psi = new ProcessStartInfo("node",
        [
            azurite, "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Azurite.");
        // Kept so that a failed start says why (Azurite exits with its reason on stdout or stderr).
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitForPort(process, "Table", table, TimeSpan.FromSeconds(30), output);
            WaitForPort(process, "Queue", queue, TimeSpan.FromSeconds(30), output);
            WaitForPort(process, "Blob", blob, TimeSpan.FromSeconds(30), output);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
            throw;
        }
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + key + ";" +
               $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
               $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
               $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PeerBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PeerBot.sln not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until Azurite says it listens on the port: a connection alone could reach another listener that took the
    /// port first, while Azurite is about to exit for want of it.
    /// </summary>
    private static void WaitForPort(Process process, string service, int port, TimeSpan timeout, IEnumerable<string> output)
    {
        var listening = $"{service} service is successfully listening at http://127.0.0.1:{port}";
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // flushes the redirected output
                throw new AzuriteExitedException($"Azurite exited with code {process.ExitCode}: {string.Join(Environment.NewLine, output)}");
            }
            if (output.Any(line => line.Contains(listening, StringComparison.Ordinal)))
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout}: {string.Join(Environment.NewLine, output)}");
    }
}

/// <summary>Azurite ended while starting; the message holds what it printed.</summary>
public sealed class AzuriteExitedException(string message) : InvalidOperationException(message);
