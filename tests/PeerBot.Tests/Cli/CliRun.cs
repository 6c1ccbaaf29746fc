using Microsoft.Extensions.Configuration;
using PeerBot.Cli;

namespace PeerBot.Tests.Cli;

/// <summary>Runs the CLI entry point in-process and captures what it writes.</summary>
internal sealed record CliRun(int? ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<CliRun> Of(IConfiguration? configuration, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await PeerBotCli.TryRunAsync(args, stdout, stderr, configuration);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliRun> Of(params string[] args) => Of(null, args);
}

/// <summary>A temporary file deleted after the test.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content, string extension = ".csv")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "peerbot-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(Path, content, new System.Text.UTF8Encoding(false));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
