using System.Text.Json.Nodes;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// What Teams sends when a member of a tenant starts with PeerBot, and nothing else: the install (an
/// installationUpdate, then a conversationUpdate whose membersAdded names only the bot; neither carries a name or an
/// email), the form they are shown, typed text, and card buttons. Every activity names the tenant as Teams does.
/// </summary>
public static class TeamsProtocol
{
    public static JsonObject InTenant(JsonObject activity, string tenant)
    {
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        return activity;
    }

    /// <summary>The installationUpdate of a personal install: from.id and aadObjectId only, no name.</summary>
    public static JsonObject InstallationUpdate(string serviceUrl, string user, string tenant, string action = "add")
    {
        var activity = Activities.Installed(serviceUrl, user);
        activity["type"] = "installationUpdate";
        activity["action"] = action;
        activity.Remove("membersAdded");
        activity["from"]!.AsObject().Remove("name");
        return InTenant(activity, tenant);
    }

    /// <summary>The conversationUpdate that follows a personal install: the bot added, no name on from.</summary>
    public static JsonObject BotAdded(string serviceUrl, string user, string tenant)
    {
        var activity = Activities.Installed(serviceUrl, user);
        activity["from"]!.AsObject().Remove("name");
        return InTenant(activity, tenant);
    }

    public static JsonObject Message(string serviceUrl, string user, string tenant, string text, string name) =>
        InTenant(Activities.Message(serviceUrl, user, text, userName: name), tenant);

    /// <summary>An Action.Submit on a card: a message with the button's data (and the form's inputs) in value.</summary>
    public static JsonObject Submit(string serviceUrl, string user, string tenant, JsonObject value, string name)
    {
        var activity = Activities.Submit(serviceUrl, user, value);
        activity["from"]!["name"] = name;
        return InTenant(activity, tenant);
    }

    /// <summary>An Action.Execute (Universal Actions) on a card.</summary>
    public static JsonObject Execute(string serviceUrl, string user, string tenant, string verb, JsonObject data, string name)
    {
        var activity = Activities.Execute(serviceUrl, user, verb, data);
        activity["from"]!["name"] = name;
        return InTenant(activity, tenant);
    }

    /// <summary>What a member types into the profile form the bot sent, plus the button's own data.</summary>
    public static JsonObject FilledForm(JsonObject form, string name, string title, string organization, string headcount = "800", string topics = "pricing; hiring", string preferredContact = "")
    {
        var value = new JsonObject { ["action"] = "saveProfile" };
        foreach (var input in Inputs(form))
        {
            var id = input["id"]!.GetValue<string>();
            value[id] = input["value"] is JsonValue given ? given.ToString() : "";
        }
        // A member whose name the form does not know types it.
        if (value["name"]?.ToString() is null or "")
        {
            value["name"] = name;
        }
        value["title"] = title;
        value["organization"] = organization;
        value["headcount"] = headcount;
        value["topics"] = topics;
        value["preferredContact"] = preferredContact;
        if (value["timeZone"]?.ToString() is null or "")
        {
            value["timeZone"] = "Europe/Berlin";
        }
        return value;
    }

    public static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true => [o],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    public static string? TemplateOf(SentActivity sent) =>
        sent.Activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["name"]?.GetValue<string>() : null;
}
