using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>
/// Turns channel-neutral replies into Bot Framework activities: Adaptive Card attachments for Teams, Block Kit
/// attachments for Slack (rendered from <c>cards/slack/</c>, which the Slack adapter posts as blocks).
/// </summary>
public sealed class ActivityReplyChannel(ITurnContext turnContext, CardLibrary cards, SentCards? sent = null) : IReplyChannel
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    public const string BlockKitContentType = "application/vnd.slack.blocks+json";

    /// <summary>The card to return in the Universal Actions response of an invoke, when the turn replaced one.</summary>
    public JObject? InvokeCard { get; private set; }

    public CardReply? OriginalCard =>
        turnContext.Activity.ReplyToId is { Length: > 0 } original ? sent?.Find(turnContext.Activity.Conversation?.Id, original) : null;

    public async Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            InvokeCard = JObject.Parse(Render(cards, SurfaceOf(turnContext.Activity.ChannelId), card).ToJsonString());
            sent?.Remember(turnContext.Activity.Conversation?.Id, turnContext.Activity.ReplyToId, card);
            return;
        }
        if (turnContext.Activity.ReplyToId is { Length: > 0 } original)
        {
            var update = (Activity)ToActivity(card, cards, turnContext.Activity.ChannelId);
            update.Id = original;
            try
            {
                await turnContext.UpdateActivityAsync(update, cancellationToken);
                sent?.Remember(turnContext.Activity.Conversation?.Id, original, card);
                return;
            }
            catch (Microsoft.Rest.HttpOperationException)
            {
                // Some clients cannot update a message; a new one says the same.
            }
        }
        await SendAsync(card, cancellationToken);
    }

    public async Task SendAsync(BotReply reply, CancellationToken cancellationToken)
    {
        var activity = ToActivity(reply, cards, turnContext.Activity.ChannelId);
        try
        {
            var response = await turnContext.SendActivityAsync(activity, cancellationToken);
            if (reply is CardReply card)
            {
                sent?.Remember(turnContext.Activity.Conversation?.Id, response?.Id, card);
            }
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Rest.HttpOperationException or ErrorResponseException)
        {
            throw new ChannelUnreachableException(e);
        }
    }

    /// <summary>Which folder of <c>cards/</c> renders for a channel.</summary>
    public static string SurfaceOf(string? channelId) => channelId == "slack" ? "slack" : "teams";

    // Teams renders TextBlock text as Markdown: member text must not become links there.
    private static System.Text.Json.Nodes.JsonNode Render(CardLibrary cards, string surface, CardReply card)
    {
        var json = cards.Render(surface, card.Template, card.Data);
        return surface == "teams" ? MarkdownLinks.Neutralize(json) : json;
    }

    public static IMessageActivity ToActivity(BotReply reply, CardLibrary cards, string? channelId)
    {
        switch (reply)
        {
            case CardReply card:
                var surface = SurfaceOf(channelId);
                var json = Render(cards, surface, card).ToJsonString();
                var message = MessageFactory.Attachment(new Attachment
                {
                    ContentType = surface == "slack" ? BlockKitContentType : AdaptiveCardContentType,
                    Content = JToken.Parse(json),
                    // Not shown by Teams; says which template a card came from, for logs and tests.
                    Name = card.Template,
                });
                message.Summary = card.Summary;
                // Slack shows the text in notifications and where blocks cannot render.
                message.Text = surface == "slack" ? card.Summary : null;
                return message;
            case TextReply text:
                var plain = MessageFactory.Text(text.Text);
                plain.TextFormat = TextFormatTypes.Markdown;
                return plain;
            default:
                throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply kind.");
        }
    }
}
