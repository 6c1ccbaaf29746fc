using System.Diagnostics;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Slack;

/// <summary>
/// Type-checks generated TypeScript against the repository's @slack/types and @slack/web-api with
/// <c>tsc --noEmit</c> (tools/node_modules). One file per checked value, so errors name the sample.
/// </summary>
internal static class TypeScriptCheck
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(IReadOnlyDictionary<string, string> files)
    {
        var directory = Directory.CreateTempSubdirectory("peerbot-slack-types-");
        try
        {
            var modules = Path.Combine(NodeOracle.RepositoryRoot, "tools", "node_modules");
            File.WriteAllText(Path.Combine(directory.FullName, "tsconfig.json"), $$"""
                {
                  "compilerOptions": {
                    "strict": true, "noEmit": true, "target": "es2022", "module": "esnext", "moduleResolution": "bundler",
                    "skipLibCheck": true, "types": [], "typeRoots": [],
                    "baseUrl": ".",
                    "paths": {
                      "@slack/types": ["{{Path.Combine(modules, "@slack", "types").Replace('\\', '/')}}"],
                      "@slack/web-api": ["{{Path.Combine(modules, "@slack", "web-api").Replace('\\', '/')}}"]
                    }
                  },
                  "include": ["*.ts"]
                }
                """);
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(directory.FullName, name), text);
            }
            var start = new ProcessStartInfo("node", [Path.Combine(modules, "typescript", "bin", "tsc"), "-p", directory.FullName, "--pretty", "false"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory.FullName,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("tsc did not finish within three minutes.");
            }
            return new Result(process.ExitCode, output.Result + errors.Result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
