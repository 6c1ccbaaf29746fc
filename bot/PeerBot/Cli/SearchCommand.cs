using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PeerBot.Matching;

namespace PeerBot.Cli;

/// <summary>
/// <c>search --directory FILE (--query TEXT | --queries FILE) [--as ID] [--top N] [--json]</c>: searches a
/// member CSV directly with the same engine as /findpeer, with no server and no storage.
/// </summary>
internal static class SearchCommand
{
    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal) { "--directory", "--query", "--queries", "--as", "--top" };
    public static readonly IReadOnlySet<string> Switches = new HashSet<string>(StringComparer.Ordinal) { "--json" };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var directoryFile = args.Required("--directory");
        if (args.Has("--query") == args.Has("--queries"))
        {
            throw new CliException("search needs exactly one of --query TEXT or --queries FILE.");
        }
        var top = args.Integer("--top", 5, 1, 100);
        var queries = args.Value("--queries") is { } queriesFile ? ReadQueries(queriesFile) : null;

        using var directory = Load(directoryFile, stderr);

        Profiles.Peer? asker = null;
        if (args.Value("--as") is { } askerId)
        {
            asker = directory.Find(askerId) ?? throw new CliException($"--as {askerId}: no member with that id in {directoryFile}.");
        }

        if (queries is null)
        {
            var outcome = directory.Search(Request(args.Required("--query"), asker, top));
            if (args.Has("--json"))
            {
                stdout.WriteLine(Json(outcome));
                if (outcome.Message is { } message)
                {
                    stderr.WriteLine(message);
                }
            }
            else
            {
                WriteText(outcome, stdout);
            }
            return 0;
        }

        for (var i = 0; i < queries.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(queries[i]))
            {
                stdout.WriteLine("[]");
                continue;
            }
            var outcome = directory.Search(Request(queries[i], asker, top));
            stdout.WriteLine(Json(outcome));
            if (!outcome.Understood)
            {
                stderr.WriteLine($"query {i + 1}: {outcome.Message}");
            }
        }
        return 0;
    }

    /// <summary>
    /// Streams the member file into a directory, reporting bad and repeated rows as they come: a million members are
    /// never held as a list of profiles besides the directory.
    /// </summary>
    private static PeerDirectory Load(string path, TextWriter stderr)
    {
        var directory = new PeerDirectory();
        try
        {
            // A repeated id is rare; a 64-bit hash of each id finds the candidates without keeping a million id strings.
            var lineOf = new Dictionary<ulong, int>();
            MemberCsv.ReadEach(path, DateTimeOffset.UtcNow, (member, line) =>
            {
                var hash = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(member.Id.AsSpan()));
                if (lineOf.TryGetValue(hash, out var earlier) && directory.Find(member.Id) is not null)
                {
                    stderr.WriteLine(MemberCsv.Repeated(line, member.Id, earlier));
                }
                lineOf[hash] = line;
                directory.Upsert(member);
            }, bad => stderr.WriteLine($"{bad}; row skipped"));
            return directory;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    internal static void Report(MemberFile file, TextWriter stderr)
    {
        foreach (var bad in file.BadRows)
        {
            stderr.WriteLine($"{bad}; row skipped");
        }
        foreach (var warning in file.Warnings)
        {
            stderr.WriteLine(warning);
        }
    }

    private static SearchRequest Request(string query, Profiles.Peer? asker, int top) =>
        asker is null
            ? new SearchRequest(query, null, null, null, null, top)
            : new SearchRequest(query, asker.Id, asker.OrganizationKey, asker.EmailDomain, asker, top);

    private static string[] ReadQueries(string path)
    {
        try
        {
            return File.ReadAllLines(CliPaths.Resolve(path), Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read ({e.Message}).");
        }
    }

    internal static string Json(SearchOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartArray();
            foreach (var m in outcome.Matches)
            {
                json.WriteStartObject();
                json.WriteString("id", m.Peer.Id);
                json.WriteString("name", m.Peer.Name);
                json.WriteString("title", m.Peer.Title);
                json.WriteString("organization", m.Peer.Organization);
                json.WriteNumber("score", Math.Round((decimal)m.Score, 2));
                json.WriteString("reason", m.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteText(SearchOutcome outcome, TextWriter stdout)
    {
        if (!outcome.Understood)
        {
            stdout.WriteLine(outcome.Message);
            stdout.WriteLine("Try: " + string.Join(" · ", outcome.Suggestions));
            return;
        }
        stdout.WriteLine($"Looking for: {outcome.Interpretation}");
        if (outcome.Message is { } message)
        {
            stdout.WriteLine(message);
        }
        if (outcome.Matches.Count == 0)
        {
            stdout.WriteLine("No peers found.");
            return;
        }
        for (var i = 0; i < outcome.Matches.Count; i++)
        {
            var m = outcome.Matches[i];
            stdout.WriteLine(FormattableString.Invariant($"{i + 1}. {m.Peer.Name} — {m.Peer.Title}, {m.Peer.Organization} [{m.Peer.Id}] score {m.Score:0.00}"));
            stdout.WriteLine($"   {m.Reason}");
        }
    }
}
