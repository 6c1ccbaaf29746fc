using PeerBot.Storage;

namespace PeerBot.Cli;

/// <summary>
/// The command-line verbs of the PeerBot executable. Program.cs hands every start to
/// <see cref="TryRun(string[])"/> first: it runs a verb and returns its exit code, or returns null so
/// the web host starts as usual.
/// </summary>
public static class PeerBotCli
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "import", "search", "help", "--help", "-h" };

    public const string Usage = """
        Usage:
          PeerBot import --file members.csv
              Loads members into storage (Storage:ConnectionString, env Storage__ConnectionString;
              default UseDevelopmentStorage=true). Updates by id; never duplicates.
          PeerBot search --directory members.csv (--query "VP marketing" | --queries FILE) [--as ID] [--top N] [--json]
              Searches a member CSV directly, with no server or storage. --as searches as that member
              (their organization is excluded); --json prints only a JSON array; --queries prints one
              JSON array per line of FILE, in order.
        CSV columns: id,name,email,title,organization,org_size,industry,timezone,topics (topics separated by ';').
        Exit codes: 0 done, 1 storage failed, 2 bad arguments or bad file.
        """;

    /// <summary>Runs a CLI verb on the console. Null when <paramref name="args"/> does not start with one.</summary>
    public static int? TryRun(string[] args) =>
        TryRunAsync(args, Console.Out, Console.Error).GetAwaiter().GetResult();

    /// <summary>Runs a CLI verb with the given output streams; <paramref name="configuration"/> replaces appsettings and environment.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            return null;
        }
        var verb = args[0];
        if (!Verbs.Contains(verb))
        {
            // Host arguments look like --key value or key=value; a bare word is a mistyped verb.
            if (verb.All(char.IsAsciiLetter))
            {
                await stderr.WriteLineAsync($"Unknown command '{verb}'. Commands: import, search, help.");
                return 2;
            }
            return null;
        }
        try
        {
            var rest = args[1..];
            switch (verb)
            {
                case "search":
                    return SearchCommand.Run(CliArguments.Parse(verb, rest, SearchCommand.Options, SearchCommand.Switches), stdout, stderr);
                case "import":
                    var parsed = CliArguments.Parse(verb, rest, ImportCommand.Options, new HashSet<string>());
                    return await ImportCommand.RunAsync(parsed, StorageSettings(configuration), stdout, stderr, cancellationToken);
                default:
                    await stdout.WriteLineAsync(Usage);
                    return 0;
            }
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (ImportCommand.IsStorageFailure(e))
        {
            await stderr.WriteLineAsync("Storage failed: " + FirstLine(e.Message));
            return 1;
        }
    }

    private static StorageOptions StorageSettings(IConfiguration? configuration)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        configuration ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        return options;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
