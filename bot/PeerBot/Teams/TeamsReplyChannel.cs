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

    public async Task SendAsync(BotReply reply, CancellationToken cancellationToken)
    {
        var activity = ToActivity(reply, cards);
        try
        {
            await turnContext.SendActivityAsync(activity, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Rest.HttpOperationException or ErrorResponseException)
        {
            throw new ChannelUnreachableException(e);
        }
    }

    public static IMessageActivity ToActivity(BotReply reply, CardLibrary cards)
    {
        switch (reply)
        {
            case CardReply card:
                var json = MarkdownLinks.Neutralize(cards.Render("teams", card.Template, card.Data)).ToJsonString();
                var message = MessageFactory.Attachment(new Attachment
                {
                    ContentType = AdaptiveCardContentType,
                    Content = JObject.Parse(json),
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
