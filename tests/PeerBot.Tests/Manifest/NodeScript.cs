using System.Diagnostics;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Manifest;

/// <summary>Runs one of the repository's node scripts with a controlled environment.</summary>
public static class NodeScript
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(string script, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Azurite.RepositoryRoot(), script));
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        // Settings must come from this test alone, not from the machine's environment.
        foreach (var name in new[] { "APP_ID", "BOT_ID", "BOT_DOMAIN", "APP_VERSION", "DEVELOPER_NAME", "WEBSITE_URL", "PRIVACY_URL", "TERMS_URL" })
        {
            psi.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
