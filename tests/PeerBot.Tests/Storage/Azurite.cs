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
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
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
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        WaitForPort(table, TimeSpan.FromSeconds(30));
        WaitForPort(queue, TimeSpan.FromSeconds(30));
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

    private static void WaitForPort(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout}.");
    }
}
