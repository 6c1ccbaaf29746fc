using System.Text;

namespace PeerBot.Cards.Templating.Values;

/// <summary>
/// The value model expressions work on, with the conversions the reference engine performs. Values are
/// <c>null</c>, <see cref="Undefined"/>, <see cref="bool"/>, <see cref="double"/>, <see cref="string"/>,
/// <c>List&lt;object?&gt;</c> (arrays) and <see cref="ScriptObject"/>.
/// </summary>
internal static class ScriptValue
{
    public static bool IsUndefined(object? value) => value is Undefined;

    /// <summary>null or undefined (the reference engine's <c>value == null</c>).</summary>
    public static bool IsNullish(object? value) => value is null or Undefined;

    public static bool IsNumber(object? value) => value is double d && !double.IsNaN(d);

    public static bool IsTruthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>
    /// String(value): the text a value becomes when joined or concatenated.
    /// </summary>
    public static string ToText(object? value) => value switch
    {
        null => "null",
        Undefined => "undefined",
        bool b => b ? "true" : "false",
        double d => ScriptNumber.ToText(d),
        string s => s,
        List<object?> list => JoinList(list, ","),
        _ => "[object Object]",
    };

    /// <summary>value.toString(), which fails on null and undefined.</summary>
    public static string CallToString(object? value, string what)
    {
        if (IsNullish(value))
        {
            throw new TemplateException($"{what} evaluated to {ToText(value)}, which cannot be written as text.");
        }
        return ToText(value);
    }

    /// <summary>Array.prototype.join: null and undefined elements become empty text.</summary>
    public static string JoinList(List<object?> list, string separator)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }
            if (!IsNullish(list[i]))
            {
                builder.Append(ToText(list[i]));
            }
        }
        return builder.ToString();
    }

    /// <summary>Object.keys(value).</summary>
    public static IReadOnlyList<string> Keys(object? value) => value switch
    {
        ScriptObject o => o.Keys,
        List<object?> list => [.. Enumerable.Range(0, list.Count).Select(i => ScriptNumber.ToText(i))],
        string s => [.. Enumerable.Range(0, s.Length).Select(i => ScriptNumber.ToText(i))],
        _ => [],
    };

    /// <summary>value[key] for a key found by <see cref="Keys"/>.</summary>
    public static object? Get(object? value, string key) => value switch
    {
        ScriptObject o => o[key],
        List<object?> list => list[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
        string s => s[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)].ToString(),
        _ => Undefined.Value,
    };

    /// <summary>The characters String.prototype.trim removes.</summary>
    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static string Trim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }
}
