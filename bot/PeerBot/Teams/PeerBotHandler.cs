using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>
/// The Bot Framework edge: turns Teams activities into <see cref="ChatTurn"/>s for the
/// <see cref="ConversationRouter"/>, and remembers where each member can be reached later.
/// </summary>
public sealed class PeerBotHandler(ConversationRouter router, CardLibrary cards, ConversationReferenceStore references, TeamInstalls teams) : TeamsActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var turn = await InTeamAsync(turnContext, ToTurn((Activity)turnContext.Activity), cancellationToken);
        await RememberAsync(turnContext, turn, cancellationToken);
        await router.OnTurnAsync(turn, new ActivityReplyChannel(turnContext, cards), cancellationToken);
    }

    protected override async Task OnTeamsMembersAddedAsync(IList<TeamsChannelAccount> teamsMembersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (teamInfo is not null && teamsMembersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await teams.AddedAsync(turnContext, cancellationToken);
        }
        var email = teamsMembersAdded.FirstOrDefault(m => m.Id == turnContext.Activity.From?.Id)?.Email;
        await OnJoinedAsync(turnContext, turnContext.Activity.MembersAdded, email, cancellationToken);
    }

    protected override async Task OnTeamsMembersRemovedAsync(IList<TeamsChannelAccount> teamsMembersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (teamInfo is not null && teamsMembersRemoved.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await teams.RemovedAsync(turnContext.Activity, cancellationToken);
        }
    }

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnJoinedAsync(turnContext, membersAdded, null, cancellationToken);

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var turn = ToTurn((Activity)turnContext.Activity);
        await RememberAsync(turnContext, turn, cancellationToken);
        if (turn.IsPersonal)
        {
            await router.OnMemberJoinedAsync(turn, new ActivityReplyChannel(turnContext, cards), cancellationToken);
        }
        else
        {
            await teams.AddedAsync(turnContext, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        teams.RemovedAsync(turnContext.Activity, cancellationToken);

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var data = invokeValue.Action?.Data is { } raw ? JsonNode.Parse(JToken.FromObject(raw).ToString()) as JsonObject ?? [] : [];
        data["verb"] = invokeValue.Action?.Verb;
        var turn = await InTeamAsync(turnContext, ToTurn((Activity)turnContext.Activity) with { Text = null, Value = data }, cancellationToken);
        var replies = new ActivityReplyChannel(turnContext, cards);
        await router.OnTurnAsync(turn, replies, cancellationToken);
        return replies.InvokeCard is { } card
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = ActivityReplyChannel.AdaptiveCardContentType, Value = card }
            : new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "Done" };
    }

    private async Task OnJoinedAsync(ITurnContext<IConversationUpdateActivity> turnContext, IList<ChannelAccount> added, string? email, CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var turn = ToTurn(activity);
        var userJoined = added.Any(m => m.Id == activity.Recipient?.Id || m.Id == activity.From?.Id);
        if (!turn.IsPersonal || !userJoined || activity.From is null)
        {
            return;
        }
        turn = turn with { From = turn.From with { Email = email ?? turn.From.Email } };
        await RememberAsync(turnContext, turn, cancellationToken);
        await router.OnMemberJoinedAsync(turn, new ActivityReplyChannel(turnContext, cards), cancellationToken);
    }

    /// <summary>A turn in a team channel, with the team it belongs to (admin commands check who owns it).</summary>
    private async Task<ChatTurn> InTeamAsync(ITurnContext turnContext, ChatTurn turn, CancellationToken cancellationToken) =>
        turn.IsPersonal ? turn : turn with { TeamId = await teams.TeamOfAsync(turnContext, cancellationToken) };

    /// <summary>Where to reach the member later; for a channel (installed or mentioned there), where to post later.</summary>
    private Task RememberAsync(ITurnContext turnContext, ChatTurn turn, CancellationToken cancellationToken)
    {
        var reference = turnContext.Activity.GetConversationReference();
        if (turn.IsPersonal)
        {
            return references.SaveAsync(turn.From.PeerId, reference, cancellationToken);
        }
        // A mention inside a thread carries ";messageid=…": later posts go to the channel itself, not that thread.
        reference.Conversation.Id = ConversationReferenceStore.ChannelOf(reference.Conversation.Id);
        return references.SaveAsync(ConversationReferenceStore.ChannelKey(turn.From.Channel, turn.From.TenantId, reference.Conversation.Id), reference, cancellationToken);
    }

    private static string WithoutMentionOf(string? recipientId, string text, IList<Entity>? entities)
    {
        if (recipientId is null || entities is null)
        {
            return text;
        }
        foreach (var entity in entities.Where(e => e?.Type == "mention"))
        {
            if (entity.Properties?["mentioned"] is JObject mentioned && mentioned["id"] is JValue { Type: JTokenType.String } id && (string?)id == recipientId
                && entity.Properties["text"] is JValue { Type: JTokenType.String } mentionText && ((string?)mentionText) is { Length: > 0 } words)
            {
                text = text.Replace(words, "", StringComparison.OrdinalIgnoreCase);
            }
        }
        return text.Trim();
    }

    public static ChatTurn ToTurn(Activity activity)
    {
        // The bot's own @mention is not part of what the member typed. Read without trusting the entities' shape: the
        // SDK's RemoveRecipientMention throws on a mention without "mentioned" or "text".
        if (activity.Text is not null)
        {
            activity.Text = WithoutMentionOf(activity.Recipient?.Id, activity.Text, activity.Entities);
        }
        var tenant = activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        var from = activity.From ?? new ChannelAccount("unknown");
        // Teams members' emails come from the member lookup on join; a channel may also put one on From.
        var email = from.Properties?["email"] is JValue { Type: JTokenType.String } address ? (string?)address : null;
        var member = new Member(activity.ChannelId ?? "msteams", from.AadObjectId ?? from.Id ?? "unknown", tenant, email, from.Name);
        var value = activity.Value is JToken token && token.Type == JTokenType.Object ? JsonNode.Parse(token.ToString()) as JsonObject : null;
        var conversationType = activity.Conversation?.ConversationType;
        var isPersonal = conversationType is null or "personal";
        return new ChatTurn(member, activity.Conversation?.Id ?? "", isPersonal, activity.Text, value, activity.Id)
        {
            LocalTimeZone = activity.LocalTimezone,
        };
    }
}
