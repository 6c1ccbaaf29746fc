using System.Text.RegularExpressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>Where paths such as <c>peer.name</c> or <c>items[0]</c> are looked up.</summary>
internal abstract class Memory
{
    /// <summary>The value at the path, or <see cref="Undefined"/>.</summary>
    public abstract object? GetValue(string path);
}

/// <summary>Paths looked up inside one value.</summary>
internal sealed partial class ObjectMemory(object? scope) : Memory
{
    public override object? GetValue(string path)
    {
        if (scope is Undefined || path.Length == 0)
        {
            return Undefined.Value;
        }

        object? value = Undefined.Value;
        var current = scope;
        foreach (var part in PathSeparators().Split(path).Where(p => p.Length > 0).Select(Unquote))
        {
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

    private static string Unquote(string part)
    {
        var quoted = (part.StartsWith('"') && part.EndsWith('"')) || (part.StartsWith('\'') && part.EndsWith('\''));
        if (!quoted)
        {
            return part;
        }
        return part.Length >= 2 ? part[1..^1] : string.Empty;
    }

    [GeneratedRegex(@"[.[\]]+")]
    private static partial Regex PathSeparators();
}

/// <summary>
/// The names a template expression sees: <c>$root</c>, <c>$data</c>, <c>$index</c>, <c>$host</c> and
/// <c>$_acTemplateVersion</c>. A path that does not start with <c>$</c> is read from <c>$data</c>.
/// </summary>
internal sealed class TemplateMemory : Memory
{
    private readonly ObjectMemory _names;

    public TemplateMemory(object? root, object? data, object? index)
    {
        var names = new ScriptObject
        {
            ["$root"] = root,
            ["$data"] = data is Undefined ? root : data,
            ["$index"] = index,
            ["$host"] = Undefined.Value,
            ["$_acTemplateVersion"] = TemplateVersion(),
        };
        _names = new ObjectMemory(names);
    }

    public override object? GetValue(string path)
    {
        var fullPath = path.Length > 0 && path[0] != '$' ? "$data." + path : path;
        return _names.GetValue(fullPath);
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
