using System.Text.Json.Nodes;

namespace PeerBot.Slack;

/// <summary>A Slack message as sent: notification text plus optional blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray? Blocks)
{
    public JsonObject ToJson()
    {
        var body = new JsonObject { ["text"] = Text };
        if (Blocks is { Count: > 0 })
        {
            body["blocks"] = Blocks.DeepClone();
        }
        return body;
    }
}
