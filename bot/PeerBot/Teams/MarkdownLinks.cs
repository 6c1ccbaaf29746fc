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
    public static JsonNode Neutralize(JsonNode card)
    {
        switch (card)
        {
            case JsonObject element:
                var type = element["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
                if (type == "TextBlock")
                {
                    Escape(element, "text");
                }
                if (type == "FactSet" && element["facts"] is JsonArray facts)
                {
                    foreach (var fact in facts.OfType<JsonObject>())
                    {
                        Escape(fact, "title");
                        Escape(fact, "value");
                    }
                }
                foreach (var (_, child) in element.ToList())
                {
                    if (child is not null)
                    {
                        Neutralize(child);
                    }
                }
                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    Neutralize(item);
                }
                break;
        }
        return card;
    }

    private static void Escape(JsonObject owner, string property)
    {
        if (owner[property] is JsonValue value && value.TryGetValue<string>(out var text) && text.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            owner[property] = text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
        }
    }
}
