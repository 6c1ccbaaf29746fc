using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using PeerBot.Profiles;

namespace PeerBot.Cli;

/// <summary>A row that could not be read, reported by its line number and skipped.</summary>
public sealed record BadRow(int Line, string Problem)
{
    public override string ToString() => $"line {Line}: {Problem}";
}

/// <summary>The members of a CSV file, in file order, and the rows that had to be skipped.</summary>
public sealed record MemberFile(IReadOnlyList<Peer> Members, IReadOnlyList<BadRow> BadRows, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the member CSV format: a header row <c>id,name,email,title,organization,org_size,industry,timezone,topics</c>,
/// then one member per record. RFC 4180 quoting (a quoted field may hold commas, doubled quotes and line
/// breaks), UTF-8, topics separated by ";". org_size is a headcount.
/// </summary>
public static class MemberCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "name", "email", "title", "organization", "org_size", "industry", "timezone", "topics"];

    public const string Channel = "import";

    public static MemberFile ReadFile(string path, DateTimeOffset now)
    {
        var members = new List<Peer>();
        var lineOf = new Dictionary<string, (int Line, int Index)>(StringComparer.Ordinal);
        var bad = new List<BadRow>();
        var warnings = new List<string>();
        ReadEach(path, now, (peer, line) =>
        {
            if (lineOf.TryGetValue(peer.Id, out var earlier))
            {
                warnings.Add(Repeated(line, peer.Id, earlier.Line));
                members[earlier.Index] = peer;
                lineOf[peer.Id] = (line, earlier.Index);
                return;
            }
            lineOf[peer.Id] = (line, members.Count);
            members.Add(peer);
        }, bad.Add);
        return new MemberFile(members, bad, warnings);
    }

    /// <summary>The warning for an id seen before: the later row wins.</summary>
    public static string Repeated(int line, string id, int earlierLine) => $"line {line}: id {id} repeats line {earlierLine}; the later row wins.";

    /// <summary>
    /// Reads a member file one record at a time, so a million members never sit in memory twice: each member goes to
    /// <paramref name="member"/> with the line it starts on, each unreadable row to <paramref name="bad"/>.
    /// </summary>
    public static void ReadEach(string path, DateTimeOffset now, Action<Peer, int> member, Action<BadRow> bad)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(CliPaths.Resolve(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read ({e.Message}).");
        }
        using (reader)
        {
            try
            {
                Read(reader, path, now, member, bad);
            }
            catch (DecoderFallbackException)
            {
                throw new CliException($"{path}: not UTF-8 text.");
            }
            catch (IOException e)
            {
                throw new CliException($"{path}: cannot be read ({e.Message}).");
            }
        }
    }

    public static MemberFile Read(string text, string source, DateTimeOffset now)
    {
        var members = new List<Peer>();
        var bad = new List<BadRow>();
        using var reader = new StringReader(text);
        Read(reader, source, now, (peer, _) => members.Add(peer), bad.Add);
        return new MemberFile(members, bad, []);
    }

    private static void Read(TextReader reader, string source, DateTimeOffset now, Action<Peer, int> member, Action<BadRow> bad)
    {
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }
        using var records = Records(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields is not { } header)
        {
            throw new CliException($"{source}: empty file; expected the header {string.Join(',', Columns)}.");
        }
        if (!header.Select(h => h.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new CliException($"{source}: expected the header {string.Join(',', Columns)}; found {string.Join(',', header)}.");
        }
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Problem is { } problem)
            {
                bad(new BadRow(record.Line, problem));
                continue;
            }
            var fields = record.Fields!;
            if (fields is [""])
            {
                continue;
            }
            var peer = ToPeer(fields, now, out var error);
            if (peer is null)
            {
                bad(new BadRow(record.Line, error!));
                continue;
            }
            member(peer, record.Line);
        }
    }

    private static Peer? ToPeer(List<string> f, DateTimeOffset now, out string? error)
    {
        error = null;
        if (f.Count != Columns.Count)
        {
            error = $"expected {Columns.Count} fields, found {f.Count}";
            return null;
        }
        var (id, name, email, title, organization, size, industry, timeZone, topics) =
            (f[0].Trim(), f[1].Trim(), f[2].Trim(), f[3].Trim(), f[4].Trim(), f[5].Trim(), f[6].Trim(), f[7].Trim(), f[8]);
        foreach (var (value, column) in new[] { (id, "id"), (name, "name"), (title, "title"), (organization, "organization") })
        {
            if (value.Length == 0)
            {
                error = $"{column} is empty";
                return null;
            }
        }
        var headcount = 0;
        if (size.Length > 0 && !int.TryParse(size.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out headcount))
        {
            error = $"org_size '{size}' is not a headcount";
            return null;
        }
        if (email.Length > 0 && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at < 1 || at == email.Length - 1 || email.Contains(' ', StringComparison.Ordinal))))
        {
            error = $"email '{email}' is not an address";
            return null;
        }
        return new Peer
        {
            Id = id,
            Name = name,
            Title = title,
            Organization = organization,
            OrganizationKey = OrganizationKeys.For(null, email.Length == 0 ? null : email, organization),
            Headcount = headcount,
            Industry = industry,
            TimeZone = timeZone.Length == 0 ? "UTC" : timeZone,
            Topics = topics.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Email = email.Length == 0 ? null : email,
            Channel = Channel,
            UpdatedAt = now,
        };
    }

    private readonly record struct CsvRecord(int Line, List<string>? Fields, string? Problem);

    /// <summary>
    /// The records, with the line each starts on, streamed by Sep. Sep splits records and fields without judging
    /// quotes, so each field's quoting is checked here to keep RFC 4180's rules and their per-line reports. A malformed
    /// record is reported, and what Sep read past its first line (a stray quote makes it read on until the next quote)
    /// is read again as records of its own, so one bad line costs only itself.
    /// </summary>
    private static IEnumerable<CsvRecord> Records(TextReader text, int firstLine = 1)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(text);
        var first = true;
        while (reader.MoveNext())
        {
            var (record, remainder) = Parse(reader.Current, first ? firstLine : null, firstLine);
            first = false;
            yield return record;
            if (remainder is { Length: > 0 })
            {
                foreach (var again in Records(new StringReader(remainder), record.Line + 1))
                {
                    yield return again;
                }
            }
        }
    }

    /// <summary>One row as a record; for a malformed one, also the text Sep read past its first line.</summary>
    private static (CsvRecord Record, string? Remainder) Parse(SepReader.Row row, int? knownStart, int firstLine)
    {
        // Sep numbers lines from 1; for the first row it reports where the row ends rather than where it starts.
        var start = knownStart ?? firstLine + row.LineNumberFrom - 1;
        var fields = new List<string>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++)
        {
            var (value, problem) = Field(row[i].Span);
            if (problem is not null)
            {
                var raw = row.Span;
                var newline = raw.IndexOf('\n');
                return (new CsvRecord(start, null, problem), newline >= 0 ? raw[(newline + 1)..].ToString() : null);
            }
            fields.Add(value);
        }
        return (new CsvRecord(start, fields, null), null);
    }

    /// <summary>A raw field's value (quotes removed, doubled quotes made single), or what is wrong with its quoting.</summary>
    private static (string Value, string? Problem) Field(ReadOnlySpan<char> raw)
    {
        if (raw.Length == 0 || raw[0] != '"')
        {
            return raw.Contains('"')
                ? ("", "a quote inside an unquoted field (quote the whole field and double the quote)")
                : (raw.ToString(), null);
        }
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                continue;
            }
            if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                i++;
                continue;
            }
            return i == raw.Length - 1
                ? (raw[1..i].ToString().Replace("\"\"", "\"", StringComparison.Ordinal), null)
                : ("", "text after a closing quote (write a quote inside a quoted field as \"\")");
        }
        return ("", "a quoted field is never closed");
    }
}
