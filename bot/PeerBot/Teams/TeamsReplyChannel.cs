using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>Turns channel-neutral replies into Bot Framework activities with Adaptive Card attachments.</summary>
public sealed class TeamsReplyChannel(ITurnContext turnContext, CardLibrary cards) : IReplyChannel
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The card to return in the Universal Actions response of an invoke, when the turn replaced one.</summary>
    public JObject? InvokeCard { get; private set; }

    public async Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            InvokeCard = JObject.Parse(cards.Render("teams", card.Template, card.Data).ToJsonString());
            return;
        }
        if (turnContext.Activity.ReplyToId is { Length: > 0 } original)
        {
            var update = (Activity)ToActivity(card, cards);
            update.Id = original;
            try
            {
                await turnContext.UpdateActivityAsync(update, cancellationToken);
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
            await turnContext.SendActivityAsync(activity, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Rest.HttpOperationException)
        {
            throw new ChannelUnreachableException(e);
        }
    }

    public static IMessageActivity ToActivity(BotReply reply, CardLibrary cards)
    {
        switch (reply)
        {
            case CardReply card:
                var json = cards.Render("teams", card.Template, card.Data).ToJsonString();
                var message = MessageFactory.Attachment(new Attachment
                {
                    ContentType = AdaptiveCardContentType,
                    Content = JObject.Parse(json),
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
