using System.Text.Json.Nodes;

namespace PeerBot.Tests.Teams;

/// <summary>Teams-shaped activities, as the Teams channel (and the Agents Playground) send them.</summary>
public static class Activities
{
    public const string Tenant = "7e1a0c5e-0000-4000-8000-00000000abcd";
    public const string BotId = "28:peerbot-test";

    public static JsonObject Message(string serviceUrl, string userId, string text, string? conversationId = null, string? userName = null) =>
        Base("message", serviceUrl, userId, conversationId, userName, text);

    public static JsonObject Submit(string serviceUrl, string userId, JsonObject value, string? conversationId = null) =>
        Base("message", serviceUrl, userId, conversationId, null, null, value);

    public static JsonObject Installed(string serviceUrl, string userId, string? conversationId = null)
    {
        var activity = Base("conversationUpdate", serviceUrl, userId, conversationId, null, null);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" });
        return activity;
    }

    public static JsonObject ChannelMention(string serviceUrl, string userId, string text, string channelConversationId)
    {
        var activity = Base("message", serviceUrl, userId, channelConversationId, null, $"<at>PeerBot</at> {text}");
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["isGroup"] = true;
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>PeerBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" },
        });
        return activity;
    }

    /// <summary>Marks an activity as coming from a team's channel, as Teams does in channelData (the group id is not always there).</summary>
    public static JsonObject InTeam(JsonObject activity, string teamId, string? aadGroupId, string tenant = Tenant)
    {
        var team = new JsonObject { ["id"] = teamId, ["name"] = "Leaders" };
        if (aadGroupId is not null)
        {
            team["aadGroupId"] = aadGroupId;
        }
        activity["channelData"] = new JsonObject { ["team"] = team, ["tenant"] = new JsonObject { ["id"] = tenant } };
        activity["conversation"]!["tenantId"] = tenant;
        return activity;
    }

    /// <summary>The conversationUpdate Teams sends when the bot is added to (or removed from) a team.</summary>
    public static JsonObject BotInTeam(string serviceUrl, string userId, string teamId, string aadGroupId, bool added = true, string tenant = Tenant)
    {
        var activity = Base("conversationUpdate", serviceUrl, userId, teamId, null, null);
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["isGroup"] = true;
        activity[added ? "membersAdded" : "membersRemoved"] = new JsonArray(new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" });
        InTeam(activity, teamId, aadGroupId, tenant);
        activity["channelData"]!["eventType"] = added ? "teamMemberAdded" : "teamMemberRemoved";
        return activity;
    }

    /// <summary>An Action.Execute click (Universal Actions), as Teams sends it.</summary>
    public static JsonObject Execute(string serviceUrl, string userId, string verb, JsonObject data)
    {
        var activity = Base("invoke", serviceUrl, userId, null, null, null, new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        });
        activity["name"] = "adaptiveCard/action";
        return activity;
    }

    public static string PersonalConversation(string userId) => "a:personal-" + userId;

    private static JsonObject Base(string type, string serviceUrl, string userId, string? conversationId, string? userName, string? text, JsonObject? value = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:" + userId, ["name"] = userName ?? "Test " + userId, ["aadObjectId"] = userId },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId ?? PersonalConversation(userId),
                ["conversationType"] = "personal",
                ["tenantId"] = Tenant,
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PeerBot" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
            ["locale"] = "en-US",
            ["localTimezone"] = "Europe/Berlin",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }
        if (value is not null)
        {
            activity["value"] = value;
        }
        return activity;
    }
}
