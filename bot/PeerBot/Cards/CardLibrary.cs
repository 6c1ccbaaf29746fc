using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PeerBot.Cards.Templating;

namespace PeerBot.Cards;

/// <summary>
/// The card templates under <c>cards/</c> (copied beside the app), parsed once and bound per reply.
/// <c>cards/teams/NAME.json</c> is an Adaptive Card 1.5 template; <c>cards/slack/NAME.json</c> is the
/// Block Kit template for the same view data.
/// </summary>
public sealed class CardLibrary(string root)
{
    private readonly ConcurrentDictionary<string, AdaptiveTemplate> _templates = new(StringComparer.Ordinal);

    public static CardLibrary FromAppDirectory() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    public string Root { get; } = root;

    public JsonNode Render(string surface, string name, JsonObject data) => Template(surface, name).Expand(data);

    /// <summary>The card as JSON text, its string properties passed through <paramref name="rewrite"/>.</summary>
    public string RenderJson(string surface, string name, JsonObject data, CardText? rewrite = null) =>
        Template(surface, name).ExpandToJson(data, rewrite);

    private AdaptiveTemplate Template(string surface, string name) =>
        _templates.GetOrAdd($"{surface}/{name}", key =>
        {
            var path = Path.Combine(Root, surface, name + ".json");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No {surface} card template named '{name}'.", path);
            }
            return new AdaptiveTemplate(File.ReadAllText(path));
        });
}
