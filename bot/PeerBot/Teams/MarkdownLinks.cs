using System.Text.Json.Nodes;

namespace PeerBot.Teams;

/// <summary>
/// Teams renders TextBlock text and FactSet facts as Markdown, so a member whose name is
/// "[click](https://…)" would appear on other members' cards as a link. After binding, brackets in those
/// properties are escaped: the text shows as typed. Input values are left alone, so a form round-trips
/// unchanged. Cards therefore never use Markdown links of their own (Action.OpenUrl does that job).
/// </summary>
public static class MarkdownLinks
{
    /// <summary>The rule, as a <see cref="Cards.CardText"/>: a TextBlock's text and a FactSet fact's title and value are escaped.</summary>
    public static string Escape(string? ownerType, string? containerType, string property, string text)
    {
        var rendersMarkdown = (ownerType == "TextBlock" && property == "text")
            || (ownerType is null && containerType == "FactSet" && property is "title" or "value");
        return rendersMarkdown && text.AsSpan().IndexOfAny('[', ']') >= 0
            ? text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)
            : text;
    }

    /// <summary>The same rule over a card already rendered to JSON nodes.</summary>
    public static JsonNode Neutralize(JsonNode card) => Neutralize(card, null);

    private static JsonNode Neutralize(JsonNode card, string? containerType)
    {
        switch (card)
        {
            case JsonObject element:
                var type = element["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
                foreach (var (key, child) in element.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var escaped = Escape(type, containerType, key, text);
                        if (!ReferenceEquals(escaped, text))
                        {
                            element[key] = escaped;
                        }
                    }
                    else if (child is not null)
                    {
                        Neutralize(child, type ?? containerType);
                    }
                }
                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    Neutralize(item, containerType);
                }
                break;
        }
        return card;
    }
}
