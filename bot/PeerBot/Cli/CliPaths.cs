namespace PeerBot.Cli;

/// <summary>
/// Finds a file named on the command line. `dotnet run --project bot/PeerBot` starts a web project in
/// its own folder, so a relative path is first tried against the shell's directory (PWD), where the
/// user typed it, and then against the process's working directory.
/// </summary>
internal static class CliPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var shell = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(shell) && Path.IsPathRooted(shell))
        {
            var fromShell = Path.Combine(shell, path);
            if (File.Exists(fromShell))
            {
                return fromShell;
            }
        }
        return Path.GetFullPath(path);
    }
}
