using System.Text;
using PeerBot.Cli;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching.Evaluation;

/// <summary>A hand-made label: the functions (role families) a title belongs to and its level on the ladder.</summary>
public sealed record RoleLabel(IReadOnlySet<string> Functions, string Level);

/// <summary>A labelled query: what the asker means, and (optionally) who asks.</summary>
public sealed record LabelledQuery(string Text, string? AskerId, string Function, string Level);

/// <summary>A title as it was labelled, with a member who holds it (whose organization and industry give it context).</summary>
public sealed record LabelledTitle(Peer Holder, RoleLabel Label);

/// <summary>
/// One evaluation set under Matching/Evaluation: a directory whose every member carries a hand-made label, queries
/// labelled by hand, and the pairs of functions judged related. <see cref="Corporate"/> is the corporate set;
/// <see cref="Sectors"/> loads one part (dev or heldout) of the sector set, searched in a directory that mixes
/// both.
/// </summary>
public sealed class EvaluationSet
{
    public static readonly IReadOnlyList<string> Ladder = ["ic", "lead", "manager", "senior-manager", "director", "vp", "svp", "c-level"];

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Matching", "Evaluation");

    private readonly HashSet<(string, string)> _related;
    private readonly Dictionary<string, RoleLabel> _labels;

    private EvaluationSet(string name, IReadOnlyList<Peer> directory, Dictionary<string, RoleLabel> labels, IReadOnlyList<LabelledQuery> queries,
        IReadOnlyList<LabelledTitle> titles, HashSet<(string, string)> related)
    {
        Name = name;
        Directory = directory;
        _labels = labels;
        Queries = queries;
        Titles = titles;
        _related = related;
    }

    public string Name { get; }

    public IReadOnlyList<Peer> Directory { get; }

    public IReadOnlyList<LabelledQuery> Queries { get; }

    /// <summary>Each distinct labelled title once, for the normaliser's scores.</summary>
    public IReadOnlyList<LabelledTitle> Titles { get; }

    /// <summary>Every function id a label or query of this set uses.</summary>
    public IEnumerable<string> Functions => _labels.Values.SelectMany(l => l.Functions).Concat(Queries.Select(q => q.Function)).Distinct();

    /// <summary>The corporate set: titles.csv, directory.csv (generated from it), queries.csv, related.csv.</summary>
    public static EvaluationSet Corporate()
    {
        var byTitle = Rows(Path.Combine(Folder, "titles.csv"))
            .ToDictionary(r => r[0], r => Label(r[1], r[2]), StringComparer.Ordinal);
        var directory = Members(Path.Combine(Folder, "directory.csv"));
        var labels = new Dictionary<string, RoleLabel>(StringComparer.Ordinal);
        foreach (var peer in directory)
        {
            labels[peer.Id] = byTitle.TryGetValue(peer.Title, out var label) ? label : throw new InvalidDataException($"Directory title '{peer.Title}' has no label in titles.csv.");
        }
        var queries = Rows(Path.Combine(Folder, "queries.csv"))
            .Select(r => new LabelledQuery(r[0], r[1].Length == 0 ? null : r[1], r[3], r[4]))
            .ToList();
        var titles = byTitle.Select(t => new LabelledTitle(new Peer { Id = "", Name = "", Title = t.Key, Organization = "", OrganizationKey = "" }, t.Value)).ToList();
        return new EvaluationSet("corporate", directory, labels, queries, titles, Related(Path.Combine(Folder, "related.csv")));
    }

    /// <summary>One part of the sector set: "dev" (developed against) or "heldout" (never looked at while developing).</summary>
    public static EvaluationSet Sectors(string part)
    {
        var folder = Path.Combine(Folder, "Sectors", part);
        var directory = Members(Path.Combine(folder, "directory.csv"));
        var labels = Rows(Path.Combine(folder, "labels.csv")).ToDictionary(r => r[0], r => Label(r[1], r[2]), StringComparer.Ordinal);
        foreach (var peer in directory)
        {
            if (!labels.ContainsKey(peer.Id))
            {
                throw new InvalidDataException($"Member {peer.Id} of {part}/directory.csv has no label.");
            }
        }
        var queries = Rows(Path.Combine(folder, "queries.csv"))
            .Select(r => new LabelledQuery(r[0], r[1].Length == 0 ? null : r[1], r[6], r[7]))
            .ToList();
        // One holder per labelled title, so the normaliser is scored on each title-at-a-kind-of-organization once.
        var sectorTitles = Rows(Path.Combine(folder, "titles.csv")).Select(r => (Title: r[0], Label: Label(r[2], r[3]))).ToList();
        var titles = new List<LabelledTitle>();
        foreach (var (title, label) in sectorTitles)
        {
            var holder = directory.FirstOrDefault(p => p.Title == title && labels[p.Id].Level == label.Level && labels[p.Id].Functions.SetEquals(label.Functions));
            if (holder is not null && !titles.Exists(t => t.Holder.Title == title && t.Label.Level == label.Level && t.Label.Functions.SetEquals(label.Functions)))
            {
                titles.Add(new LabelledTitle(holder, label));
            }
        }
        var related = Related(Path.Combine(Folder, "related.csv"));
        related.UnionWith(Related(Path.Combine(Folder, "Sectors", "related.csv")));
        return new EvaluationSet("sectors " + part, directory, labels, queries, titles, related);
    }

    public RoleLabel LabelOf(Peer peer) =>
        _labels.TryGetValue(peer.Id, out var label) ? label : throw new InvalidDataException($"Member {peer.Id} has no label.");

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

    private static RoleLabel Label(string functions, string level) => new(functions.Split('|').ToHashSet(), level);

    private static IReadOnlyList<Peer> Members(string path)
    {
        var file = MemberCsv.ReadFile(path, DateTimeOffset.UnixEpoch);
        if (file.BadRows.Count > 0 || file.Warnings.Count > 0)
        {
            throw new InvalidDataException($"{path} has bad rows: " + string.Join("; ", file.BadRows.Select(b => b.ToString()).Concat(file.Warnings)));
        }
        return file.Members;
    }

    private static HashSet<(string, string)> Related(string path) =>
        Rows(path).SelectMany(r => new[] { (r[0], r[1]), (r[1], r[0]) }).ToHashSet();

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
