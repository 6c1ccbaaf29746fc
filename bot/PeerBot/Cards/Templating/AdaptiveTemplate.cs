using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating;

/// <summary>
/// An Adaptive Card template (Adaptive Card Templating language), parsed once and expanded per reply.
/// Behaves like the adaptivecards-templating npm package 2.3.1, including its quirks, so a template
/// renders the same here as in the designer; tests/oracles compares the two.
/// </summary>
/// <remarks>
/// Values from the data are never parsed, so data containing <c>${...}</c> is output as written.
/// Unlike the npm package, a call to a function this engine does not know is rejected when the template
/// is parsed, wherever it appears (the npm package leaves such a call inside text as literal <c>${...}</c>).
/// </remarks>
public sealed class AdaptiveTemplate
{
    private readonly object? _template;

    /// <exception cref="TemplateException">The template has a syntax error or calls an unknown function.</exception>
    /// <exception cref="JsonException">The template is not JSON.</exception>
    public AdaptiveTemplate(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        _template = TemplateBinder.Prepare(document.RootElement);
    }

    /// <summary>Binds the template to <paramref name="data"/> (the <c>$root</c>).</summary>
    /// <exception cref="TemplateException">
    /// An expression fails where its value is the whole property, or the template expands to nothing.
    /// </exception>
    public JsonNode Expand(JsonNode? data) =>
        ScriptJson.ToNode(ExpandValue(data)) ?? throw NothingLeft();

    /// <summary>
    /// Binds the template to <paramref name="data"/> and writes the card as JSON text, each string property passed
    /// through <paramref name="rewrite"/> on the way (the edge's own rules for text, such as Markdown escaping).
    /// </summary>
    /// <exception cref="TemplateException">As <see cref="Expand"/>.</exception>
    public string ExpandToJson(JsonNode? data, CardText? rewrite = null)
    {
        var expanded = ExpandValue(data);
        if (rewrite is not null)
        {
            CardTextRewrite.Apply(expanded, rewrite, null);
        }
        return ScriptJson.Stringify(expanded) ?? throw NothingLeft();
    }

    private object? ExpandValue(JsonNode? data) => TemplateBinder.Expand(_template, ScriptJson.FromNode(data));

    private static TemplateException NothingLeft() =>
        new("The template expanded to nothing (its root was dropped by $when or bound to empty data).");
}
