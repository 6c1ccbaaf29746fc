using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PeerBot.Slack;

/// <summary>
/// Makes rendered Block Kit fit to send: drops what a template left empty, turns Markdown into Slack's mrkdwn
/// (escaping <c>&amp; &lt; &gt;</c>, so member-written text can never become a mention or a link; cards keep
/// Markdown links as typed, see <see cref="CardMrkdwn"/>), and enforces
/// Slack's limits before sending: texts are cut with "…", messages over 50 blocks are split, views and
/// updated messages over their block limit are cut with a note saying so. Nothing is dropped silently:
/// every cut is reported in <c>notes</c>.
/// </summary>
public static partial class BlockKit
{
    public const int MaxMessageBlocks = 50;
    public const int MaxViewBlocks = 100;
    public const int MaxText = 3000;
    public const int MaxButtonValue = 2000;

    /// <summary>Slack rejects messages whose blocks run much past 13,000 characters (msg_blocks_too_long).</summary>
    public const int MaxMessageChars = 12_000;

    /// <summary>Cleans and fits template output in place; returns it.</summary>
    public static JsonNode Prepare(JsonNode rendered, List<string> notes)
    {
        Walk(rendered, parentType: null, key: null, notes);
        return rendered;
    }

    /// <summary>Markdown as PeerBot writes it (<c>**bold**</c>, <c>[text](url)</c>) → Slack mrkdwn, escaped.</summary>
    public static string Mrkdwn(string markdown) => Link().Replace(CardMrkdwn(markdown), "<$2|$1>");

    /// <summary>
    /// Card text → Slack mrkdwn, escaped, with <c>**bold**</c> but no links. Member-written text (names, titles,
    /// queries) is bound into cards and their summaries, so a name typed as <c>[click](https://…)</c> must stay
    /// text; cards never use Markdown links of their own (as in Teams, see <c>MarkdownLinks</c>).
    /// </summary>
    public static string CardMrkdwn(string markdown) => Bold().Replace(Escape(markdown), "*$1*");

    /// <summary>Cuts a text to <paramref name="limit"/> characters, ending in "…".</summary>
    public static string Fit(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var cut = limit - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        // Never leave half an escape such as "&am" at the end.
        var amp = text.LastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 6 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }
        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>Splits a message's blocks into messages of at most 50 blocks and <see cref="MaxMessageChars"/>.</summary>
    public static List<JsonArray> Split(JsonArray blocks)
    {
        var messages = new List<JsonArray>();
        var current = new JsonArray();
        var size = 0;
        foreach (var block in blocks)
        {
            var length = block?.ToJsonString().Length ?? 0;
            if (current.Count == MaxMessageBlocks || (current.Count > 0 && size + length > MaxMessageChars))
            {
                messages.Add(current);
                (current, size) = (new JsonArray(), 0);
            }
            current.Add(block?.DeepClone());
            size += length;
        }
        if (current.Count > 0)
        {
            messages.Add(current);
        }
        return messages;
    }

    /// <summary>Where one message or view must hold everything: keeps what fits and says how much was left out.</summary>
    public static JsonArray Truncate(JsonArray blocks, int maxBlocks, int maxChars, List<string> notes)
    {
        var kept = new JsonArray();
        var size = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var length = blocks[i]?.ToJsonString().Length ?? 0;
            if ((kept.Count == maxBlocks - 1 && i < blocks.Count - 1) || size + length > maxChars - 200)
            {
                var left = blocks.Count - i;
                notes.Add($"{left} of {blocks.Count} blocks left out");
                kept.Add(new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"…and {left} more not shown here." }),
                });
                return kept;
            }
            kept.Add(blocks[i]?.DeepClone());
            size += length;
        }
        return kept;
    }

    private static void Walk(JsonNode? node, string? parentType, string? key, List<string> notes)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, parentType, key, notes);
                }
                LimitCount(array, parentType, key, notes);
                break;
            case JsonObject element:
                DropEmpty(element);
                var type = element["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                if (type is "mrkdwn" or "plain_text" && element["text"] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    var slack = type == "mrkdwn" ? CardMrkdwn(text) : text;
                    var limit = LimitOf(parentType, key);
                    if (slack.Length > limit)
                    {
                        notes.Add($"a {parentType ?? "block"} text cut from {slack.Length} to {limit} characters");
                        slack = Fit(slack, limit);
                    }
                    element["text"] = slack;
                    return;
                }
                if (type == "button" && element["value"] is JsonValue value && value.ToString().Length > MaxButtonValue)
                {
                    throw new InvalidOperationException($"A button value is {value.ToString().Length} characters; Slack allows {MaxButtonValue}.");
                }
                // An option has no type of its own; its texts have the option limits.
                var scope = type ?? (element.ContainsKey("value") && element.ContainsKey("text") ? "option" : parentType);
                foreach (var (name, child) in element.ToList())
                {
                    Walk(child, scope, name, notes);
                }
                break;
        }
    }

    private static void DropEmpty(JsonObject element)
    {
        foreach (var (name, child) in element.ToList())
        {
            var empty = child is null
                || (name is "initial_value" or "initial_date" or "initial_time" && child is JsonValue v && v.ToString().Length == 0)
                || (name is "initial_options" or "fields" && child is JsonArray { Count: 0 });
            if (empty)
            {
                element.Remove(name);
            }
        }
    }

    private static int LimitOf(string? parentType, string? key) => (parentType, key) switch
    {
        ("modal", "title" or "submit" or "close") => 24,
        ("header", _) => 150,
        ("button", "text") => 75,
        ("option", _) => 75,
        (_, "placeholder") => 150,
        (_, "label" or "hint" or "fields") => 2000,
        _ => MaxText,
    };

    private static void LimitCount(JsonArray array, string? parentType, string? key, List<string> notes)
    {
        var max = (parentType, key) switch
        {
            (_, "options") => 100,
            ("section", "fields") => 10,
            ("actions", "elements") => 25,
            ("context", "elements") => 10,
            _ => int.MaxValue,
        };
        if (array.Count > max)
        {
            notes.Add($"{array.Count - max} of {array.Count} {key} left out");
            while (array.Count > max)
            {
                array.RemoveAt(array.Count - 1);
            }
        }
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.Singleline)]
    private static partial Regex Bold();

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^\s)]+)\)")]
    private static partial Regex Link();
}
