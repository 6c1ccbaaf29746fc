using System.Text.Json.Nodes;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Hostile;

/// <summary>The element and action types in a card, and those the bot's own templates use.</summary>
public static class CardTypes
{
    public static HashSet<string> InTemplates() =>
        Directory.GetFiles(Path.Combine(Azurite.RepositoryRoot(), "cards", "teams"), "*.json")
            .SelectMany(file => Of(JsonNode.Parse(File.ReadAllText(file))))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Adaptive Cards attached to an activity the bot sent.</summary>
    public static IEnumerable<JsonObject> CardsIn(JsonObject activity) =>
        (activity["attachments"] as JsonArray ?? [])
            .Where(a => a?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
            .Select(a => a!["content"]).OfType<JsonObject>();

    public static IEnumerable<string> Of(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "type" && p.Value is JsonValue v && v.TryGetValue<string>(out var type) ? [type] : Of(p.Value)),
        JsonArray a => a.SelectMany(Of),
        _ => [],
    };
}
