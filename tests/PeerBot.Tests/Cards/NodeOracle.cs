using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PeerBot.Tests.Cards;

/// <summary>
/// Runs one of the node scripts in tests/oracles with the repository's own npm packages (tools/node_modules):
/// JSON in on stdin, JSON out on stdout. Tests batch all their cases into one call.
/// </summary>
internal static partial class NodeOracle
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static JsonArray Run(string script, JsonNode input)
    {
        var scriptPath = Path.Combine(RepositoryRoot, "tests", "oracles", script);
        var packages = Path.Combine(RepositoryRoot, "tools", "node_modules");
        if (!Directory.Exists(packages))
        {
            throw new InvalidOperationException($"npm packages are missing at {packages}: run 'npm ci --prefix tools'.");
        }
        var start = new ProcessStartInfo("node", [scriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        // Fixed time zone and locale: the reference formats dates in local time and numbers in the default locale.
        start.Environment["TZ"] = "UTC";
        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment["LC_ALL"] = "en_US.UTF-8";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within two minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {errors.Result}");
        }
        return JsonNode.Parse(WithoutLoneSurrogates(output.Result))?.AsArray() ?? throw new InvalidOperationException($"node {script} wrote no results.");
    }

    // JSON.stringify writes half a surrogate pair as an escape (paired ones are written as they are); .NET
    // cannot hold such strings, and UTF-8 transport turns them into U+FFFD, which is what our engine writes.
    private static string WithoutLoneSurrogates(string json) =>
        LoneSurrogateEscape().Replace(json, match => match.Value[..^6] + "\\ufffd");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PeerBot.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("PeerBot.sln not found above " + AppContext.BaseDirectory);
    }

    // An unescaped backslash (preceded by an even number of backslashes) starting \udXXX.
    [GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial Regex LoneSurrogateEscape();
}
