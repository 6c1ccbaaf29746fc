using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PeerBot.Cards.Templating.Values;

/// <summary>
/// Moves values between JSON and the expression value model, writing JSON the way JSON.stringify does
/// (except that a lone surrogate becomes U+FFFD, as it would on the wire).
/// </summary>
internal static class ScriptJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private const int MaxKeptChars = 40 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    /// <summary>The value of a JSON node, read from the node itself (no text written and parsed again).</summary>
    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var result = new ScriptObject(o.Count);
                foreach (var (key, item) in o)
                {
                    result[key] = FromNode(item);
                }
                return result;
            case JsonArray a:
                var list = new List<object?>(a.Count);
                foreach (var item in a)
                {
                    list.Add(FromNode(item));
                }
                return list;
            default:
                // Values built in code hold a .NET string, double or bool; parsed ones hold an element; anything else
                // (an int, say) is read from its JSON.
                var value = node.AsValue();
                return value.TryGetValue<string>(out var text) ? text
                    : value.TryGetValue<double>(out var number) ? number
                    : value.TryGetValue<bool>(out var flag) ? flag
                    : value.TryGetValue<JsonElement>(out var element) ? FromElement(element)
                    : Parse(value.ToJsonString());
        }
    }

    /// <summary>JSON.parse: strict JSON; the last of duplicate keys wins.</summary>
    public static object? Parse(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return FromElement(document.RootElement);
    }

    public static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new ScriptObject();
                foreach (var property in element.EnumerateObject())
                {
                    result[property.Name] = FromElement(property.Value);
                }
                return result;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FromElement).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number)
                    ? number
                    : double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>The value as a JSON node; undefined becomes null.</summary>
    public static JsonNode? ToNode(object? value)
    {
        var text = Stringify(value);
        return text is null ? null : JsonNode.Parse(text, documentOptions: DocumentOptions);
    }

    /// <summary>JSON.stringify(value), or null where JSON.stringify returns undefined.</summary>
    public static string? Stringify(object? value)
    {
        if (value is Undefined)
        {
            return null;
        }
        // One builder per thread, kept between cards: a card reply runs to tens of kilobytes, and a new builder grew
        // to that size on every reply.
        var builder = t_builder ?? new StringBuilder(16 * 1024);
        t_builder = null;
        Write(builder, value);
        var text = builder.ToString();
        builder.Clear();
        if (builder.Capacity <= MaxKeptChars)
        {
            t_builder = builder;
        }
        return text;
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null or Undefined:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case double d:
                builder.Append(double.IsFinite(d) ? ScriptNumber.ToText(d) : "null");
                break;
            case string s:
                WriteString(builder, s);
                break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    Write(builder, list[i]);
                }
                builder.Append(']');
                break;
            case ScriptObject o:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in o)
                {
                    if (item is Undefined)
                    {
                        continue;
                    }
                    if (!first)
                    {
                        builder.Append(',');
                    }
                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, item);
                }
                builder.Append('}');
                break;
            default:
                builder.Append("{}");
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    var loneSurrogate = (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                        || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));
                    if (loneSurrogate)
                    {
                        // Half of a character pair (from cutting text between the halves) cannot travel as UTF-8;
                        // it becomes U+FFFD here rather than at the first serializer that meets it.
                        builder.Append('\uFFFD');
                    }
                    else if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }
}
