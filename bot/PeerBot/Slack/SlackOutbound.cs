using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PeerBot.Teams;

namespace PeerBot.Slack;

/// <summary>
/// What one outbound activity becomes in Slack: a modal (when its card template's root is a view) or one or
/// more messages (a card over Slack's limits is split, never refused).
/// </summary>
public sealed record SlackOutbound(JsonObject? View, IReadOnlyList<SlackMessage> Messages)
{
    public static SlackOutbound From(IMessageActivity activity, List<string> notes)
    {
        var card = activity.Attachments?.FirstOrDefault(a => a.ContentType == ActivityReplyChannel.BlockKitContentType);
        // A card's text is its summary, which names members like the card does: no links made from it either.
        var markdown = activity.Text ?? activity.Summary ?? "";
        var text = BlockKit.Fit(card?.Content is null ? BlockKit.Mrkdwn(markdown) : BlockKit.CardMrkdwn(markdown), BlockKit.MaxText);
        if (card?.Content is null)
        {
            return new SlackOutbound(null, text.Length == 0 ? [] : [new SlackMessage(text, null)]);
        }
        var content = BlockKit.Prepare(ToNode(card.Content), notes);
        if (content is JsonObject view && view["type"]?.GetValue<string>() == "modal")
        {
            if (view["blocks"] is JsonArray viewBlocks)
            {
                view["blocks"] = BlockKit.Truncate(viewBlocks, BlockKit.MaxViewBlocks, int.MaxValue, notes);
            }
            return new SlackOutbound(view, [new SlackMessage(text, null)]);
        }
        var blocks = content as JsonArray ?? content["blocks"] as JsonArray ?? [];
        var messages = BlockKit.Split(blocks).Select(chunk => new SlackMessage(text, chunk)).ToList();
        if (messages.Count > 1)
        {
            notes.Add($"{blocks.Count} blocks split into {messages.Count} messages");
        }
        return new SlackOutbound(null, messages.Count > 0 ? messages : [new SlackMessage(text, null)]);
    }

    /// <summary>One message that must hold the whole card (an update in place): cut to fit instead of split.</summary>
    public static SlackMessage WholeCard(IMessageActivity activity, List<string> notes)
    {
        var outbound = From(activity, notes);
        var blocks = new JsonArray([.. outbound.Messages.SelectMany(m => m.Blocks ?? []).Select(b => b?.DeepClone())]);
        var text = outbound.Messages.Count > 0 ? outbound.Messages[0].Text : "";
        return new SlackMessage(text, blocks.Count == 0 ? null : BlockKit.Truncate(blocks, BlockKit.MaxMessageBlocks, BlockKit.MaxMessageChars, notes));
    }

    private static JsonNode ToNode(object content) =>
        (content is string json ? JsonNode.Parse(json) : JsonNode.Parse(JsonConvert.SerializeObject(content)))
        ?? throw new InvalidOperationException("A Block Kit attachment has no content.");
}
