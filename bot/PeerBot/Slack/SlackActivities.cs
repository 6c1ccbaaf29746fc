using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PeerBot.Slack;

/// <summary>Turns a parsed Slack request into the Bot Framework activity the bot handles, like any channel's.</summary>
public static class SlackActivities
{
    public static Activity Build(SlackInbound inbound, bool isPersonal, SlackUser? user, SlackInstallation installation, Uri serviceUrl)
    {
        var from = new ChannelAccount(inbound.UserId, user?.Name ?? inbound.UserName);
        if (user?.Email is { Length: > 0 } email)
        {
            // Read by the bot as the member's email: it decides their organization.
            from.Properties["email"] = email;
        }
        if (user?.IsAdmin == true)
        {
            // Workspace admins and owners may run PeerBot's admin commands.
            from.Properties["isAdmin"] = true;
        }
        var conversation = new ConversationAccount(
            isGroup: !isPersonal,
            conversationType: isPersonal ? "personal" : "channel",
            id: inbound.ConversationId,
            tenantId: inbound.TeamId);
        if (inbound.EnterpriseId is { Length: > 0 } enterprise)
        {
            conversation.Properties["enterpriseId"] = enterprise;
        }
        var activity = new Activity
        {
            Id = inbound.DeliveryId,
            ChannelId = SlackAdapter.ChannelId,
            ServiceUrl = serviceUrl.ToString(),
            Timestamp = DateTimeOffset.UtcNow,
            From = from,
            Recipient = new ChannelAccount(installation.BotUserId ?? "peerbot", "PeerBot"),
            Conversation = conversation,
            ReplyToId = inbound.MessageTs,
            Locale = "en-US",
            // Slack knows the member's IANA time zone; the profile form starts from it.
            LocalTimezone = user?.TimeZone,
        };
        if (inbound.Kind == SlackInboundKind.Joined)
        {
            activity.Type = ActivityTypes.ConversationUpdate;
            activity.MembersAdded = [new ChannelAccount(inbound.UserId, from.Name)];
            return activity;
        }
        activity.Type = ActivityTypes.Message;
        activity.Text = inbound.Value is null ? inbound.Text : null;
        activity.Value = inbound.Value is null ? null : JObject.Parse(inbound.Value.ToJsonString());
        return activity;
    }
}
