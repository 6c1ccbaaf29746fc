using System.Text.RegularExpressions;

namespace PeerBot.Matching;

/// <summary>A deliberately small role reader: enough for "VP marketing", "vice president of marketing" and "CMO".</summary>
public sealed record SimpleRole(string Function, int Level)
{
    public override string ToString() => $"{SimpleRoles.LevelNames[Level]} · {Function}";
}

public static partial class SimpleRoles
{
    public static readonly string[] LevelNames = ["Supervisor", "Manager", "Director", "VP", "C-level"];

    public static readonly IReadOnlyList<string> Suggestions = ["VP marketing", "Director of engineering", "CFO", "Head of sales"];

    private static readonly Dictionary<string, string> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["marketing"] = "Marketing", ["mktg"] = "Marketing", ["sales"] = "Sales", ["engineering"] = "Engineering",
        ["finance"] = "Finance", ["product"] = "Product", ["operations"] = "Operations", ["hr"] = "People",
        ["people"] = "People", ["legal"] = "Legal", ["it"] = "IT", ["security"] = "Security", ["design"] = "Design",
    };

    private static readonly Dictionary<string, (string Function, int Level)> Chiefs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cmo"] = ("Marketing", 4), ["cro"] = ("Sales", 4), ["cto"] = ("Engineering", 4), ["cfo"] = ("Finance", 4),
        ["cpo"] = ("Product", 4), ["coo"] = ("Operations", 4), ["chro"] = ("People", 4), ["ciso"] = ("Security", 4),
        ["cio"] = ("IT", 4), ["ceo"] = ("General management", 4),
    };

    public static SimpleRole? Parse(string text)
    {
        var words = Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        foreach (var w in words)
        {
            if (Chiefs.TryGetValue(w, out var chief))
            {
                return new SimpleRole(chief.Function, chief.Level);
            }
        }
        var function = words.Select(w => Functions.GetValueOrDefault(w)).FirstOrDefault(f => f is not null);
        if (function is null)
        {
            return null;
        }
        var joined = " " + string.Join(' ', words) + " ";
        int level = joined switch
        {
            _ when joined.Contains(" chief ", StringComparison.Ordinal) => 4,
            _ when joined.Contains(" vp ", StringComparison.Ordinal) || joined.Contains(" vice president ", StringComparison.Ordinal) => 3,
            _ when joined.Contains(" director ", StringComparison.Ordinal) || joined.Contains(" head ", StringComparison.Ordinal) => 2,
            _ when joined.Contains(" manager ", StringComparison.Ordinal) => 1,
            _ when joined.Contains(" supervisor ", StringComparison.Ordinal) || joined.Contains(" lead ", StringComparison.Ordinal) => 0,
            _ => -1,
        };
        return level < 0 ? null : new SimpleRole(function, level);
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Words();
}
