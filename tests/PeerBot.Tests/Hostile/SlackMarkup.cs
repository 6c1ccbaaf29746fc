using System.Text.Json.Nodes;
using PeerBot.Tests.Slack;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Hostile;

/// <summary>Checks on what PeerBot sent to Slack: only its own kinds of blocks, and mrkdwn in which member text stays text.</summary>
public static class SlackMarkup
{
    /// <summary>The block, element and text object types in cards/slack/*.json.</summary>
    public static HashSet<string> TemplateTypes() =>
        Directory.GetFiles(Path.Combine(Azurite.RepositoryRoot(), "cards", "slack"), "*.json")
            .SelectMany(file => CardTypes.Of(JsonNode.Parse(File.ReadAllText(file))))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Block Kit in a call: a message's blocks or a modal.</summary>
    public static JsonNode? BlockKitOf(SlackCall call) => call.Body["blocks"] ?? call.Body["view"];

    /// <summary>Every text Slack reads as mrkdwn: mrkdwn text objects, and a message's own text.</summary>
    public static IEnumerable<string> MrkdwnTexts(SlackCall call)
    {
        if (call.Method != "views.open" && call.Body["text"] is JsonValue text && text.TryGetValue<string>(out var message))
        {
            yield return message;
        }
        foreach (var node in Descendants(BlockKitOf(call)))
        {
            if (node["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "mrkdwn" && node["text"] is JsonValue v && v.TryGetValue<string>(out var mrkdwn))
            {
                yield return mrkdwn;
            }
        }
    }

    /// <summary>
    /// True when nothing in the text can become a mention, broadcast or link: no &lt; or &gt; at all, and every
    /// &amp; starts one of the three escapes Slack decodes.
    /// </summary>
    public static bool IsEscaped(string text)
    {
        if (text.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            return false;
        }
        for (var i = text.IndexOf('&', StringComparison.Ordinal); i >= 0; i = text.IndexOf('&', i + 1))
        {
            var rest = text.AsSpan(i);
            if (!rest.StartsWith("&amp;") && !rest.StartsWith("&lt;") && !rest.StartsWith("&gt;"))
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
