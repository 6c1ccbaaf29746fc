using System.Text.Json.Nodes;

namespace PeerBot.Cards.Templating;

// Interim binder: replaced by the full Adaptive Card Templating implementation.
public sealed class AdaptiveTemplate(string json)
{
    private readonly JsonNode _template = JsonNode.Parse(json) ?? throw new ArgumentException("Empty template.", nameof(json));

    public JsonNode Expand(JsonNode? data) => _template.DeepClone();
}
