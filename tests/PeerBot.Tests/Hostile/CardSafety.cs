using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PeerBot.Tests.Hostile;

/// <summary>Checks that text a member typed reached a card as text: same card structure, shown literally, never as markup.</summary>
public static partial class CardSafety
{
    /// <summary>The card with every string replaced, except element and action types: what a member's text must not change.</summary>
    public static string Skeleton(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => $"{p.Key}:{(p.Key == "type" ? p.Value?.ToJsonString() : Skeleton(p.Value))}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Skeleton)) + "]",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "s",
        _ => node?.ToJsonString() ?? "null",
    };

    /// <summary>Every string in the card, with the property it sits in and the element type around it.</summary>
    public static IEnumerable<(string Element, string Property, string Text)> Strings(JsonNode? node, string element = "", string property = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value, o["type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : element, p.Key)),
        JsonArray a => a.SelectMany(n => Strings(n, element, property)),
        JsonValue v when v.TryGetValue<string>(out var text) => [(element, property, text)],
        _ => [],
    };

    /// <summary>Card text Teams renders as Markdown: TextBlock text and FactSet facts.</summary>
    public static bool RendersMarkdown(string element, string property) =>
        (element == "TextBlock" && property == "text") || (element == "FactSet" && property is "title" or "value");

    /// <summary>True when the text shows <paramref name="value"/> as written: verbatim, or with Markdown or HTML escapes.</summary>
    public static bool ShowsLiterally(string text, string value) =>
        text.Contains(value, StringComparison.Ordinal)
        || MarkdownEscape().Replace(text, "$1").Contains(value, StringComparison.Ordinal)
        || WebUtility.HtmlDecode(text).Contains(value, StringComparison.Ordinal);

    /// <summary>A Markdown link or image: what would turn a name into something to click.</summary>
    public static bool HasMarkdownLink(string text) => MarkdownLink().IsMatch(text);

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!<>~|])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();
}
