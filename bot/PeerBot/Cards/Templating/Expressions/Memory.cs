using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>Where paths such as <c>peer.name</c> or <c>items[0]</c> are looked up.</summary>
internal abstract class Memory
{
    /// <summary>The value at the path, or <see cref="Undefined"/>.</summary>
    public abstract object? GetValue(string path);
}

/// <summary>Paths looked up inside one value.</summary>
internal sealed class ObjectMemory(object? scope) : Memory
{
    public override object? GetValue(string path) =>
        scope is Undefined || path.Length == 0 ? Undefined.Value : Walk(scope, Parts(path), 0);

    /// <summary>Follows <paramref name="parts"/> from <paramref name="from"/> on: the value at the end, or undefined.</summary>
    public static object? Walk(object? current, List<string> parts, int from)
    {
        object? value = Undefined.Value;
        for (var i = from; i < parts.Count; i++)
        {
            var part = parts[i];
            var index = ScriptNumber.ParseInt(part);
            var step = !double.IsNaN(index) && current is List<object?>
                ? MemberAccess.Index(current, index)
                : MemberAccess.Property(current, part);
            if (step.Failed)
            {
                return Undefined.Value;
            }
            value = step.Value;
            current = value;
        }
        return value;
    }

    /// <summary>The steps of a path: the text between runs of '.', '[' and ']', unquoted; empty steps are skipped.</summary>
    public static List<string> Parts(string path)
    {
        var parts = new List<string>(4);
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] is not ('.' or '[' or ']'))
            {
                continue;
            }
            if (i > start)
            {
                parts.Add(Unquote(path[start..i]));
            }
            start = i + 1;
        }
        return parts;
    }

    private static string Unquote(string part)
    {
        var quoted = (part.StartsWith('"') && part.EndsWith('"')) || (part.StartsWith('\'') && part.EndsWith('\''));
        if (!quoted)
        {
            return part;
        }
        return part.Length >= 2 ? part[1..^1] : string.Empty;
    }
}

/// <summary>
/// The names a template expression sees: <c>$root</c>, <c>$data</c>, <c>$index</c>, <c>$host</c> and
/// <c>$_acTemplateVersion</c>. A path that does not start with <c>$</c> is read from <c>$data</c>.
/// </summary>
/// <remarks>
/// The names are matched as an object's properties are (case-insensitively, in this order), without building that
/// object for every expression a reply evaluates.
/// </remarks>
internal sealed class TemplateMemory(object? root, object? data, object? index) : Memory
{
    private static readonly string[] Names = ["$root", "$data", "$index", "$host", "$_acTemplateVersion"];

    public override object? GetValue(string path)
    {
        if (path.Length == 0)
        {
            return Undefined.Value;
        }
        var parts = ObjectMemory.Parts(path);
        if (path[0] != '$')
        {
            parts.Insert(0, "$data");
        }
        if (parts.Count == 0)
        {
            return Undefined.Value;
        }
        var name = Array.FindIndex(Names, n => string.Equals(n, parts[0], StringComparison.OrdinalIgnoreCase));
        if (name < 0)
        {
            return Undefined.Value;
        }
        object? value = name switch
        {
            0 => root,
            1 => data is Undefined ? root : data,
            2 => index,
            3 => Undefined.Value,
            _ => TemplateVersion(),
        };
        return parts.Count == 1 ? value : ObjectMemory.Walk(value, parts, 1);
    }

    // The reference engine reports its own package version (2.3.1) here; templates may test it.
    private static ScriptObject TemplateVersion() => new()
    {
        ["major"] = 2d,
        ["minor"] = 3d,
        ["patch"] = 1d,
        ["suffix"] = string.Empty,
    };
}
