using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;
using PeerBot.Cards;
using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Teams;

/// <summary>
/// The Bot Framework edge: turns Teams activities into <see cref="ChatTurn"/>s for the
/// <see cref="ConversationRouter"/>, remembers where each member can be reached later and where PeerBot is installed,
/// and hands on what the roster says about members who join (their email lives nowhere else).
/// </summary>
public sealed class PeerBotHandler(
    ConversationRouter router,
    CardLibrary cards,
    SentCards sent,
    ConversationReferenceStore references,
    TeamInstalls teams,
    TenantInstalls tenants,
    TeamsRoster roster,
    ProfileContacts contacts) : TeamsActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var turn = await InTeamAsync(turnContext, Known(ToTurn((Activity)turnContext.Activity)), cancellationToken);
        await RememberAsync(turnContext, turn, cancellationToken);
        await SeenAsync(turnContext, cancellationToken);
        await router.OnTurnAsync(turn, new ActivityReplyChannel(turnContext, cards, sent), cancellationToken);
    }

    /// <summary>
    /// The SDK asks the roster about every member added and fails the whole turn when that call fails (403, 429, 500,
    /// a timeout). Here only the member who opened a personal chat is looked up (once: the roster remembers), and a
    /// failed lookup is no reason to leave them unwelcomed.
    /// </summary>
    protected override async Task OnTeamsMembersAddedDispatchAsync(IList<ChannelAccount> membersAdded, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var personal = ToTurn((Activity)activity).IsPersonal;
        if (membersAdded.Any(m => m.Id == activity.Recipient?.Id))
        {
            if (teamInfo is not null)
            {
                await teams.AddedAsync(turnContext, cancellationToken);
                await tenants.InstalledAsync(TenantOf(activity), null, cancellationToken);
            }
            else if (personal && activity.From is not null)
            {
                await tenants.InstalledAsync(TenantOf(activity), PeerIdOf(activity, activity.From), cancellationToken);
            }
        }
        if (personal && activity.From is not null && activity.From.Id != activity.Recipient?.Id)
        {
            var memberId = PeerIdOf(activity, activity.From);
            var account = roster.WasAsked(memberId) ? null : await roster.LookUpInTurnAsync(turnContext, activity.From, memberId, cancellationToken);
            await OnJoinedAsync(turnContext, membersAdded, account, cancellationToken);
        }
    }

    protected override async Task OnTeamsMembersRemovedAsync(IList<TeamsChannelAccount> teamsMembersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (teamInfo is not null && teamsMembersRemoved.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await teams.RemovedAsync(turnContext.Activity, cancellationToken);
            await tenants.RemovedAsync(TenantOf(turnContext.Activity), null, cancellationToken);
        }
    }

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        OnJoinedAsync(turnContext, membersAdded, null, cancellationToken);

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var turn = ToTurn((Activity)activity);
        if (turn.IsPersonal && activity.From is not null && activity.ChannelId == Channels.Msteams)
        {
            // An install brings no roster call from the SDK, yet the welcome wants the member's name and email.
            var account = roster.WasAsked(turn.From.PeerId)
                ? null
                : await roster.LookUpInTurnAsync(turnContext, activity.From, turn.From.PeerId, cancellationToken);
            turn = turn with { From = WithRoster(Known(turn).From, account) };
        }
        await RememberAsync(turnContext, turn, cancellationToken);
        if (activity.ChannelId == Channels.Msteams)
        {
            await tenants.InstalledAsync(turn.From.TenantId, turn.IsPersonal ? turn.From.PeerId : null, cancellationToken);
        }
        if (turn.IsPersonal)
        {
            await router.OnMemberJoinedAsync(turn, new ActivityReplyChannel(turnContext, cards, sent), cancellationToken);
            await contacts.RefreshAsync(turn.From, cancellationToken);
        }
        else
        {
            await teams.AddedAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var turn = ToTurn((Activity)activity);
        if (!turn.IsPersonal)
        {
            await teams.RemovedAsync(activity, cancellationToken);
        }
        if (activity.ChannelId == Channels.Msteams)
        {
            await tenants.RemovedAsync(turn.From.TenantId, turn.IsPersonal ? turn.From.PeerId : null, cancellationToken);
        }
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var data = invokeValue.Action?.Data is { } raw ? JsonNode.Parse(JToken.FromObject(raw).ToString()) as JsonObject ?? [] : [];
        data["verb"] = invokeValue.Action?.Verb;
        var turn = await InTeamAsync(turnContext, Known(ToTurn((Activity)turnContext.Activity) with { Text = null, Value = data }), cancellationToken);
        var replies = new ActivityReplyChannel(turnContext, cards, sent);
        await SeenAsync(turnContext, cancellationToken);
        await router.OnTurnAsync(turn, replies, cancellationToken);
        return replies.InvokeCard is { } card
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = ActivityReplyChannel.AdaptiveCardContentType, Value = card }
            : new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "Done" };
    }

    private async Task OnJoinedAsync(ITurnContext<IConversationUpdateActivity> turnContext, IList<ChannelAccount> added, TeamsChannelAccount? account, CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var turn = ToTurn(activity);
        var userJoined = added.Any(m => m.Id == activity.Recipient?.Id || m.Id == activity.From?.Id);
        if (!turn.IsPersonal || !userJoined || activity.From is null)
        {
            return;
        }
        turn = turn with { From = WithRoster(Known(turn).From, account) };
        await RememberAsync(turnContext, turn, cancellationToken);
        await router.OnMemberJoinedAsync(turn, new ActivityReplyChannel(turnContext, cards, sent), cancellationToken);
        // The roster may know a newer email than the profile (a rename, a first lookup that failed).
        await contacts.RefreshAsync(turn.From, cancellationToken);
    }

    /// <summary>The member as the roster describes them: name (activities that announce a member often have none), email, UPN, guest.</summary>
    private static Member WithRoster(Member member, TeamsChannelAccount? account) => account is null ? member : member with
    {
        Name = string.IsNullOrWhiteSpace(member.Name) ? account.Name : member.Name,
        Email = string.IsNullOrWhiteSpace(account.Email) ? member.Email : account.Email,
        Upn = string.IsNullOrWhiteSpace(account.UserPrincipalName) ? member.Upn : account.UserPrincipalName,
        IsGuest = OrganizationKeys.IsGuest(account.UserRole, account.UserPrincipalName) || member.IsGuest,
    };

    /// <summary>A Teams turn with what this instance's roster cache knows about the member (memory only, no lookup).</summary>
    private ChatTurn Known(ChatTurn turn)
    {
        if (turn.From.Channel != Channels.Msteams || turn.From.Email is { Length: > 0 } || roster.Known(turn.From.PeerId) is not { } contact)
        {
            return turn;
        }
        return turn with { From = turn.From with { Email = contact.Email, Upn = contact.Upn, IsGuest = contact.IsGuest, Name = turn.From.Name ?? contact.Name } };
    }

    /// <summary>A turn from a tenant this instance knows as gone means it is back (no storage read otherwise).</summary>
    private Task SeenAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.ChannelId == Channels.Msteams ? tenants.SeenAsync(TenantOf(turnContext.Activity), cancellationToken) : Task.CompletedTask;

    /// <summary>A turn in a team channel, with the team it belongs to (admin commands check who owns it).</summary>
    private async Task<ChatTurn> InTeamAsync(ITurnContext turnContext, ChatTurn turn, CancellationToken cancellationToken) =>
        turn.IsPersonal ? turn : turn with { TeamId = await teams.TeamOfAsync(turnContext, cancellationToken) };

    /// <summary>Where to reach the member later; for a channel (installed or mentioned there), where to post later.</summary>
    private Task RememberAsync(ITurnContext turnContext, ChatTurn turn, CancellationToken cancellationToken)
    {
        var reference = turnContext.Activity.GetConversationReference();
        if (turn.IsPersonal)
        {
            if (turnContext.Activity.ChannelId == Channels.Msteams)
            {
                roster.RememberReference(turn.From.PeerId, reference);
            }
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

    private static string? TenantOf(IActivity activity)
    {
        try
        {
            return activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return activity.Conversation?.TenantId;
        }
    }

    private static string PeerIdOf(IActivity activity, ChannelAccount account) =>
        new Member(activity.ChannelId ?? Channels.Msteams, account.AadObjectId ?? account.Id ?? "unknown", TenantOf(activity), null, null).PeerId;

    public static ChatTurn ToTurn(Activity activity)
    {
        // The bot's own @mention is not part of what the member typed. Read without trusting the entities' shape: the
        // SDK's RemoveRecipientMention throws on a mention without "mentioned" or "text".
        if (activity.Text is not null)
        {
            activity.Text = WithoutMentionOf(activity.Recipient?.Id, activity.Text, activity.Entities);
        }
        var tenant = TenantOf(activity);
        var from = activity.From ?? new ChannelAccount("unknown");
        // Teams members' emails come from the roster; a channel may also put one on From.
        var email = from.Properties?["email"] is JValue { Type: JTokenType.String } address ? (string?)address : null;
        var member = new Member(activity.ChannelId ?? "msteams", from.AadObjectId ?? from.Id ?? "unknown", tenant, email, from.Name);
        var value = activity.Value is JToken token && token.Type == JTokenType.Object ? JsonNode.Parse(token.ToString()) as JsonObject : null;
        var conversationType = activity.Conversation?.ConversationType;
        var isPersonal = conversationType is null or "personal";
        return new ChatTurn(member, activity.Conversation?.Id ?? "", isPersonal, activity.Text, value, activity.Id)
        {
            LocalTimeZone = activity.LocalTimezone,
            SentAt = activity.Timestamp,
        };
    }
}
