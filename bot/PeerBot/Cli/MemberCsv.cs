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
/// breaks), UTF-8, topics separated by ";". org_size is a headcount. Records and fields are split by Sep.
/// </summary>
public static class MemberCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "name", "email", "title", "organization", "org_size", "industry", "timezone", "topics"];

    public const string Channel = "import";

    public static MemberFile ReadFile(string path, DateTimeOffset now)
    {
        string text;
        try
        {
            text = File.ReadAllText(CliPaths.Resolve(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{path}: no such file.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file.");
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{path}: not UTF-8 text.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read ({e.Message}).");
        }
        return Read(text, path, now);
    }

    public static MemberFile Read(string text, string source, DateTimeOffset now)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var records = Records(text).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields is not { } header)
        {
            throw new CliException($"{source}: empty file; expected the header {string.Join(',', Columns)}.");
        }
        if (!header.Select(h => h.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new CliException($"{source}: expected the header {string.Join(',', Columns)}; found {string.Join(',', header)}.");
        }

        var members = new List<Peer>();
        var lineOf = new Dictionary<string, (int Line, int Index)>(StringComparer.Ordinal);
        var bad = new List<BadRow>();
        var warnings = new List<string>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Problem is { } problem)
            {
                bad.Add(new BadRow(record.Line, problem));
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
                bad.Add(new BadRow(record.Line, error!));
                continue;
            }
            if (lineOf.TryGetValue(peer.Id, out var earlier))
            {
                warnings.Add($"line {record.Line}: id {peer.Id} repeats line {earlier.Line}; the later row wins.");
                members[earlier.Index] = peer;
                lineOf[peer.Id] = (record.Line, earlier.Index);
                continue;
            }
            lineOf[peer.Id] = (record.Line, members.Count);
            members.Add(peer);
        }
        return new MemberFile(members, bad, warnings);
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
    /// The records, with the line each starts on, read by Sep. Sep splits records and fields without judging quotes,
    /// so each field's quoting is checked here to keep RFC 4180's rules and their per-line reports. A malformed record
    /// is reported, and reading resumes on the line after the one it started on (a stray quote would otherwise make
    /// Sep read the following lines as part of it).
    /// </summary>
    private static List<CsvRecord> Records(string text)
    {
        var lineStarts = LineStarts(text);
        var records = new List<CsvRecord>();
        var line = 1;
        while (line <= lineStarts.Count && lineStarts[line - 1] < text.Length)
        {
            line = ReadFrom(text, lineStarts[line - 1], line, records) ?? int.MaxValue;
        }
        return records;
    }

    /// <summary>Reads records from <paramref name="offset"/> (line <paramref name="line"/>); the line to start again on after a malformed record, or null at the end.</summary>
    private static int? ReadFrom(string text, int offset, int line, List<CsvRecord> records)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).FromText(text[offset..]);
        var first = true;
        foreach (var row in reader)
        {
            // Sep numbers lines from 1; for the first row it reports where the row ends rather than where it starts.
            var start = first ? line : line + row.LineNumberFrom - 1;
            first = false;
            var fields = new List<string>(row.ColCount);
            string? problem = null;
            for (var i = 0; i < row.ColCount && problem is null; i++)
            {
                (var value, problem) = Field(row[i].Span);
                fields.Add(value);
            }
            if (problem is null)
            {
                records.Add(new CsvRecord(start, fields, null));
                continue;
            }
            records.Add(new CsvRecord(start, null, problem));
            if (line + row.LineNumberToExcl - 1 > start + 1)
            {
                // Whatever Sep read past the record's first line is read again, as records of their own.
                return start + 1;
            }
        }
        return null;
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

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }
        return starts;
    }
}
