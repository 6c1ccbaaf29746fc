using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>Turns channel-neutral replies into Bot Framework activities: Adaptive Cards rendered from <c>cards/teams/</c>.</summary>
public sealed class ActivityReplyChannel(ITurnContext turnContext, CardLibrary cards, SentCards? sent = null) : IReplyChannel
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    private const string Surface = "teams";

    /// <summary>The card to return in the Universal Actions response of an invoke, when the turn replaced one.</summary>
    public JObject? InvokeCard { get; private set; }

    public CardReply? OriginalCard =>
        turnContext.Activity.ReplyToId is { Length: > 0 } original ? sent?.Find(turnContext.Activity.Conversation?.Id, original) : null;

    public async Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            InvokeCard = JObject.Parse(Render(cards, card));
            sent?.Remember(turnContext.Activity.Conversation?.Id, turnContext.Activity.ReplyToId, card);
            return;
        }
        if (turnContext.Activity.ReplyToId is { Length: > 0 } original)
        {
            var update = (Activity)ToActivity(card, cards);
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
        var activity = ToActivity(reply, cards);
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

    // Teams renders TextBlock text as Markdown: member text must not become links there. The JSON keeps characters
    // outside ASCII as they are, as Newtonsoft wrote activities (smaller, and what the connector and the tests read).
    private static string Render(CardLibrary cards, CardReply card) =>
        cards.RenderJson(Surface, card.Template, card.Data, MarkdownLinks.Escape);

    public static IMessageActivity ToActivity(BotReply reply, CardLibrary cards)
    {
        switch (reply)
        {
            case CardReply card:
                var json = Render(cards, card);
                var message = MessageFactory.Attachment(new Attachment
                {
                    ContentType = AdaptiveCardContentType,
                    // Written into the activity as it is: no Newtonsoft tree to build from text and write out again.
                    Content = new JRaw(json),
                    // Not shown by Teams; says which template a card came from, for logs and tests.
                    Name = card.Template,
                });
                message.Summary = card.Summary;
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
