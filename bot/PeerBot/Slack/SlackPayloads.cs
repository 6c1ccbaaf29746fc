using System.Text.Json;
using System.Text.Json.Nodes;

namespace PeerBot.Slack;

/// <summary>Reads Slack's three request shapes (slash command forms, Events API envelopes, interaction payloads).</summary>
public static class SlackPayloads
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary><c>/findpeer VP marketing</c> → "findpeer VP marketing"; <c>/peerbot intros</c> → "intros".</summary>
    public static SlackInbound FromCommand(IReadOnlyDictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out var v) ? v : "";
        var command = Field("command").TrimStart('/').ToLowerInvariant();
        var text = SlackText.Plain(Field("text"));
        var typed = command switch
        {
            "peerbot" => text.Length == 0 ? "help" : text,
            _ => (command + " " + text).Trim(),
        };
        var channel = Field("channel_id");
        return new SlackInbound
        {
            Kind = SlackInboundKind.Message,
            DeliveryId = "command:" + Field("trigger_id"),
            TeamId = Field("team_id"),
            EnterpriseId = NullIfEmpty(Field("enterprise_id")),
            IsEnterpriseInstall = Field("is_enterprise_install") == "true",
            UserId = Field("user_id"),
            UserName = NullIfEmpty(Field("user_name")),
            ConversationId = channel,
            // A command typed in a DM may be in the member's DM with PeerBot or with someone else.
            IsPersonal = channel.StartsWith('D') ? null : false,
            Text = typed,
            TriggerId = NullIfEmpty(Field("trigger_id")),
            ResponseUrl = ResponseUrl(Field("response_url")),
        };
    }

    public static SlackInbound FromEvent(JsonObject envelope)
    {
        var eventId = Text(envelope["event_id"]) ?? "";
        var authorization = First(envelope["authorizations"]);
        var team = Text(envelope["team_id"]) ?? Text(Field(authorization, "team_id")) ?? "";
        var delivery = "event:" + eventId;
        if (envelope["event"] is not JsonObject e)
        {
            return SlackInbound.Ignore(delivery, team);
        }
        var inbound = new SlackInbound
        {
            Kind = SlackInboundKind.Ignored,
            DeliveryId = delivery,
            TeamId = team,
            EnterpriseId = Text(envelope["enterprise_id"]) ?? Text(Field(authorization, "enterprise_id")),
            IsEnterpriseInstall = Flag(envelope["is_enterprise_install"]) || Flag(Field(authorization, "is_enterprise_install")),
            At = envelope["event_time"] is JsonValue t && t.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue,
        };
        switch (Text(e["type"]))
        {
            case "message" when Text(e["channel_type"]) == "im" && e["subtype"] is null && e["bot_id"] is null && Text(e["user"]) is { } user:
                return inbound with
                {
                    Kind = SlackInboundKind.Message,
                    UserId = user,
                    ConversationId = Text(e["channel"]) ?? "",
                    IsPersonal = true,
                    Text = SlackText.Plain(Text(e["text"])),
                };
            case "app_home_opened" when Text(e["user"]) is { } user:
                return inbound with { Kind = SlackInboundKind.Joined, UserId = user, ConversationId = Text(e["channel"]) ?? "", IsPersonal = true };
            case "app_uninstalled":
                return inbound with { Kind = SlackInboundKind.Uninstalled };
            case "tokens_revoked" when Field(e, "tokens", "bot") is JsonArray { Count: > 0 }:
                return inbound with { Kind = SlackInboundKind.Uninstalled };
            default:
                return inbound;
        }
    }

    public static SlackInbound FromInteraction(JsonObject payload)
    {
        var trigger = Text(payload["trigger_id"]);
        var team = Text(Field(payload, "team", "id")) ?? Text(Field(payload, "user", "team_id")) ?? "";
        var inbound = new SlackInbound
        {
            Kind = SlackInboundKind.Ignored,
            DeliveryId = "interaction:" + (trigger ?? Text(Field(payload, "view", "hash")) ?? Text(Field(First(payload["actions"]), "action_ts")) ?? ""),
            TeamId = team,
            EnterpriseId = Text(Field(payload, "enterprise", "id")) ?? Text(Field(payload, "team", "enterprise_id")),
            IsEnterpriseInstall = Flag(payload["is_enterprise_install"]),
            UserId = Text(Field(payload, "user", "id")) ?? "",
            UserName = Text(Field(payload, "user", "name")) ?? Text(Field(payload, "user", "username")),
            TriggerId = trigger,
            ResponseUrl = ResponseUrl(Text(payload["response_url"])),
        };
        return Text(payload["type"]) switch
        {
            "block_actions" => FromBlockAction(payload, inbound),
            "view_submission" => FromView(payload, inbound, submitted: true),
            "view_closed" => FromView(payload, inbound, submitted: false),
            _ => inbound,
        };
    }

    private static SlackInbound FromBlockAction(JsonObject payload, SlackInbound inbound)
    {
        var action = First(payload["actions"]);
        var actionId = Text(Field(action, "action_id"));
        var raw = Text(Field(action, "value")) ?? Text(Field(action, "selected_option", "value"));
        if (actionId is null || raw is null)
        {
            // Link buttons report their click too; there is nothing to do for them.
            return inbound;
        }
        var value = ParseObject(raw) ?? new JsonObject { ["value"] = raw };
        if (value["action"] is null && value["verb"] is null)
        {
            value["action"] = actionId;
        }
        // A message's inputs (checkboxes, pickers) arrive in state.values, as a modal's do; what the button carried wins.
        foreach (var (key, input) in SlackForms.Flatten(Field(payload, "state", "values") as JsonObject))
        {
            if (!value.ContainsKey(key))
            {
                value[key] = input?.DeepClone();
            }
        }
        var container = payload["container"];
        var channel = Text(Field(payload, "channel", "id")) ?? Text(Field(container, "channel_id")) ?? "";
        var ephemeral = Flag(Field(container, "is_ephemeral"));
        return inbound with
        {
            Kind = SlackInboundKind.Message,
            ConversationId = channel,
            // PeerBot posts lasting messages only in its own DMs; an ephemeral one may be anywhere.
            IsPersonal = !channel.StartsWith('D') ? false : ephemeral ? null : true,
            Value = value,
            MessageTs = Text(Field(container, "message_ts")) ?? Text(Field(payload, "message", "ts")),
            FromEphemeral = ephemeral,
        };
    }

    private static SlackInbound FromView(JsonObject payload, SlackInbound inbound, bool submitted)
    {
        var view = payload["view"];
        var form = SlackForms.Find(Text(Field(view, "callback_id")));
        if (form is null || (!submitted && form.CloseVerb is null))
        {
            return inbound;
        }
        var origin = SlackForms.ReadOrigin(Text(Field(view, "private_metadata")));
        var value = submitted ? SlackForms.Flatten(Field(view, "state", "values") as JsonObject) : [];
        // What the card carried wins over a field of the same name: the member types the note, not the peer.
        foreach (var (key, carried) in origin.Carried)
        {
            value[key] = carried?.DeepClone();
        }
        value["action"] = submitted ? form.SubmitVerb : form.CloseVerb;
        return inbound with
        {
            Kind = SlackInboundKind.Message,
            DeliveryId = inbound.DeliveryId + ":" + (Text(Field(view, "id")) ?? "") + (submitted ? ":submit" : ":close"),
            ConversationId = origin.ConversationId,
            IsPersonal = origin.IsPersonal,
            Value = value,
            // A modal is not a message: replies go to where it was opened from, never a response_url.
            ResponseUrl = null,
        };
    }

    /// <summary>
    /// The JSON object in <paramref name="text"/>, or null when it is not one Slack could have sent: not JSON,
    /// not an object, a property given twice, or half a surrogate pair in a string.
    /// </summary>
    public static JsonObject? ParseObject(string text)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: Strict) as JsonObject;
            // Strings are decoded when first read; writing the whole object out reads them all now, while a bad one
            // can still be a bad request rather than an exception somewhere later.
            _ = node?.ToJsonString();
            return node;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The node at a path of property names, or null where the payload has something else than an object.</summary>
    public static JsonNode? Field(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }
        return node;
    }

    /// <summary>The first item, or null when the node is not a non-empty array.</summary>
    public static JsonNode? First(JsonNode? node) => node is JsonArray { Count: > 0 } items ? items[0] : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    // Anything but a web address (a bare path reads as file:, javascript:, ...) cannot be posted to; without it
    // the replies go by the Web API.
    private static Uri? ResponseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;

    private static bool Flag(JsonNode? node) =>
        node is JsonValue v && ((v.TryGetValue<bool>(out var b) && b) || (v.TryGetValue<string>(out var s) && s == "true"));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
