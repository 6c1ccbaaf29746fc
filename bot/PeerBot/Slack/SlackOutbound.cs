using System.Text.Json.Nodes;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>
/// What one reply becomes in Slack: a modal (when its card template's root is a view) or one or more messages (a
/// card over Slack's limits is split, never refused). Cards render from <c>cards/slack/</c>.
/// </summary>
public sealed record SlackOutbound(JsonObject? View, IReadOnlyList<SlackMessage> Messages)
{
    public const string Surface = "slack";

    public static SlackOutbound From(BotReply reply, CardLibrary cards, List<string> notes) => reply switch
    {
        CardReply card => FromCard(cards.Render(Surface, card.Template, card.Data), card.Summary, notes),
        TextReply text => FromText(text.Text),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply kind."),
    };

    /// <summary>Plain text, its Markdown turned into mrkdwn (links included: the bot wrote them).</summary>
    public static SlackOutbound FromText(string markdown)
    {
        var text = BlockKit.Fit(BlockKit.Mrkdwn(markdown), BlockKit.MaxText);
        return new SlackOutbound(null, text.Length == 0 ? [] : [new SlackMessage(text, null)]);
    }

    /// <summary>A rendered card and its summary, which Slack shows in notifications and where blocks cannot render.</summary>
    public static SlackOutbound FromCard(JsonNode content, string summary, List<string> notes)
    {
        // A card's summary names members like the card does: no links made from it either.
        var text = BlockKit.Fit(BlockKit.CardMrkdwn(summary), BlockKit.MaxText);
        var prepared = BlockKit.Prepare(content, notes);
        if (prepared is JsonObject view && view["type"]?.GetValue<string>() == "modal")
        {
            if (view["blocks"] is JsonArray viewBlocks)
            {
                view["blocks"] = BlockKit.Truncate(viewBlocks, BlockKit.MaxViewBlocks, int.MaxValue, notes);
            }
            return new SlackOutbound(view, [new SlackMessage(text, null)]);
        }
        var blocks = prepared as JsonArray ?? prepared["blocks"] as JsonArray ?? [];
        var messages = BlockKit.Split(blocks).Select(chunk => new SlackMessage(text, chunk)).ToList();
        if (messages.Count > 1)
        {
            notes.Add($"{blocks.Count} blocks split into {messages.Count} messages");
        }
        return new SlackOutbound(null, messages.Count > 0 ? messages : [new SlackMessage(text, null)]);
    }

    /// <summary>One message that must hold the whole card (an update in place): cut to fit instead of split.</summary>
    public SlackMessage WholeCard(List<string> notes)
    {
        var blocks = new JsonArray([.. Messages.SelectMany(m => m.Blocks ?? []).Select(b => b?.DeepClone())]);
        var text = Messages.Count > 0 ? Messages[0].Text : "";
        return new SlackMessage(text, blocks.Count == 0 ? null : BlockKit.Truncate(blocks, BlockKit.MaxMessageBlocks, BlockKit.MaxMessageChars, notes));
    }
}
