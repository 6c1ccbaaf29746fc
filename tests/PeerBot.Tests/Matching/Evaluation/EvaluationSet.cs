using System.Text;
using PeerBot.Cli;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>A hand-made label: the functions a title belongs to and its level on the ladder.</summary>
public sealed record RoleLabel(IReadOnlySet<string> Functions, string Level);

/// <summary>A labelled query: what the asker means, and (optionally) who asks.</summary>
public sealed record LabelledQuery(string Text, string? AskerId, string Function, string Level);

/// <summary>
/// The evaluation set under Matching/Evaluation: titles labelled by hand, a directory whose every
/// title is one of them, queries labelled by hand, and the pairs of functions judged related.
/// </summary>
public sealed class EvaluationSet
{
    public static readonly IReadOnlyList<string> Ladder = ["ic", "lead", "manager", "senior-manager", "director", "vp", "svp", "c-level"];

    private readonly HashSet<(string, string)> _related;

    private EvaluationSet(IReadOnlyDictionary<string, RoleLabel> titles, IReadOnlyList<Peer> directory, IReadOnlyList<LabelledQuery> queries, HashSet<(string, string)> related)
    {
        Titles = titles;
        Directory = directory;
        Queries = queries;
        _related = related;
    }

    public IReadOnlyDictionary<string, RoleLabel> Titles { get; }

    public IReadOnlyList<Peer> Directory { get; }

    public IReadOnlyList<LabelledQuery> Queries { get; }

    public static EvaluationSet Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Matching", "Evaluation");
        var titles = Rows(Path.Combine(folder, "titles.csv"))
            .ToDictionary(r => r[0], r => new RoleLabel(r[1].Split('|').ToHashSet(), r[2]), StringComparer.Ordinal);
        var directory = MemberCsv.ReadFile(Path.Combine(folder, "directory.csv"), DateTimeOffset.UnixEpoch);
        if (directory.BadRows.Count > 0)
        {
            throw new InvalidDataException("directory.csv has bad rows: " + string.Join("; ", directory.BadRows));
        }
        var queries = Rows(Path.Combine(folder, "queries.csv"))
            .Select(r => new LabelledQuery(r[0], r[1].Length == 0 ? null : r[1], r[3], r[4]))
            .ToList();
        var related = Rows(Path.Combine(folder, "related.csv")).SelectMany(r => new[] { (r[0], r[1]), (r[1], r[0]) }).ToHashSet();
        return new EvaluationSet(titles, directory.Members, queries, related);
    }

    public RoleLabel LabelOf(Peer peer) =>
        Titles.TryGetValue(peer.Title, out var label) ? label : throw new InvalidDataException($"Directory title '{peer.Title}' has no label in titles.csv.");

    /// <summary>
    /// Graded relevance: 3 same function and level; 2 same function one level apart; 1 a related function
    /// at the same level, or the same function two levels apart; 0 anything else.
    /// </summary>
    public int Relevance(LabelledQuery query, Peer peer)
    {
        var label = LabelOf(peer);
        var distance = Math.Abs(Rank(query.Level) - Rank(label.Level));
        var best = 0;
        foreach (var function in label.Functions)
        {
            var grade = function == query.Function
                ? distance switch { 0 => 3, 1 => 2, 2 => 1, _ => 0 }
                : _related.Contains((query.Function, function)) && distance == 0 ? 1 : 0;
            best = Math.Max(best, grade);
        }
        return best;
    }

    /// <summary>Same organization as the asker by any of the keys matching must honour.</summary>
    public static bool SameOrganization(Peer asker, Peer peer) =>
        peer.Id == asker.Id
        || peer.OrganizationKey == asker.OrganizationKey
        || (asker.EmailDomain is { } domain && peer.EmailDomain == domain)
        || OrganizationKeys.NormaliseName(peer.Organization) == OrganizationKeys.NormaliseName(asker.Organization);

    public static int Rank(string level)
    {
        var rank = Ladder.ToList().IndexOf(level);
        return rank >= 0 ? rank : throw new InvalidDataException($"Unknown level '{level}'.");
    }

    private static IEnumerable<List<string>> Rows(string path)
    {
        // The label files use the same RFC 4180 quoting as member files.
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows.Skip(1).Where(r => r.Count > 1);
    }
}
