using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Architecture;

/// <summary>
/// Which feature namespace (<c>PeerBot.X</c>, the folder <c>bot/PeerBot/X</c>, sub-namespaces included) depends on
/// which, and through which types. Read from the compiled app with NetArchTest, which follows signatures, fields,
/// attributes and method bodies (also those the compiler moves into lambdas and async state machines); code in
/// <c>PeerBot.X</c> can name <c>Profiles.Peer</c> without a using, so the source text alone would miss edges. The
/// source's <c>using PeerBot.Y;</c> directives are added, because a constant (or a type used only in <c>nameof</c>) is
/// copied into the code that uses it and leaves no trace in the compiled app.
/// </summary>
public sealed partial class FeatureGraph
{
    private FeatureGraph(Dictionary<string, SortedSet<string>> edges, Dictionary<(string From, string To), SortedSet<string>> reasons)
    {
        Edges = edges.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
        Reasons = reasons;
    }

    public static Assembly App => typeof(PeerBot.Conversations.ChatTurn).Assembly;

    /// <summary>Feature → the features it depends on.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges { get; }

    /// <summary>What makes an edge: the types that depend, or the files whose using directives do.</summary>
    public IReadOnlyDictionary<(string From, string To), SortedSet<string>> Reasons { get; }

    public static IReadOnlyList<string> Features { get; } = [.. App.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith("PeerBot.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[1])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    private static readonly Lazy<FeatureGraph> Built = new(Build);

    public static FeatureGraph Current => Built.Value;

    public bool DependsOn(string from, string to) => Edges.TryGetValue(from, out var targets) && targets.Contains(to);

    public string Explain(string from, string to) =>
        $"{from} → {to}: " + string.Join(", ", Reasons.TryGetValue((from, to), out var why) ? why.Take(6) : []);

    private static FeatureGraph Build()
    {
        var edges = Features.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var reasons = new Dictionary<(string, string), SortedSet<string>>();
        void Add(string from, string to, string why)
        {
            edges[from].Add(to);
            if (!reasons.TryGetValue((from, to), out var set))
            {
                reasons[(from, to)] = set = new SortedSet<string>(StringComparer.Ordinal);
            }
            set.Add(why);
        }

        var types = Types.InAssembly(App);
        foreach (var from in Features)
        {
            foreach (var to in Features.Where(f => f != from))
            {
                var dependents = types.That().ResideInNamespace($"PeerBot.{from}").And().HaveDependencyOn($"PeerBot.{to}").GetTypes();
                foreach (var type in dependents)
                {
                    Add(from, to, type.FullName ?? type.Name);
                }
            }
        }

        var source = Path.Combine(Azurite.RepositoryRoot(), "bot", "PeerBot");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared || !edges.ContainsKey(declared.Groups[1].Value))
            {
                continue;
            }
            var from = declared.Groups[1].Value;
            foreach (Match used in Using().Matches(text))
            {
                var to = used.Groups[1].Value;
                if (to != from && edges.ContainsKey(to))
                {
                    Add(from, to, Path.GetRelativePath(source, file) + " (using)");
                }
            }
        }
        return new FeatureGraph(edges, reasons);
    }

    [GeneratedRegex(@"^namespace PeerBot\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using\s+(?:static\s+)?(?:\w+\s*=\s*)?PeerBot\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();
}
