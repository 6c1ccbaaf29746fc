using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Hostile;

/// <summary>The JSON-carrying requests: Events API envelopes and interaction payloads.</summary>
public sealed partial class HostileSlackRequests
{
    private static readonly string[] EventPaths =
    [
        "type", "event", "event.type", "event.user", "event.text", "event.channel", "event.channel_type", "event.subtype",
        "event.bot_id", "event.tokens", "event.tokens.bot", "team_id", "event_id", "event_time", "authorizations",
        "authorizations.0", "authorizations.0.team_id", "enterprise_id", "is_enterprise_install",
    ];

    private static readonly string[] ActionPaths =
    [
        "type", "actions", "actions.0", "actions.0.action_id", "actions.0.value", "actions.0.selected_option", "actions.0.selected_option.value",
        "container", "container.channel_id", "container.is_ephemeral", "container.message_ts", "channel", "channel.id", "team", "team.id",
        "user", "user.id", "user.name", "user.username", "message", "message.ts", "trigger_id", "response_url", "enterprise",
    ];

    private static readonly string[] ViewPaths =
    [
        "view", "view.state", "view.state.values", "view.state.values.name", "view.state.values.name.name", "view.state.values.name.name.type",
        "view.state.values.name.name.value", "view.state.values.industry.industry.selected_option", "view.state.values.discoverable.discoverable.selected_options",
        "view.state.values.discoverable.discoverable.selected_options.0", "view.callback_id", "view.private_metadata", "view.id", "view.hash", "user", "team",
    ];

    private static readonly string[] Verbs = ["requestIntro", "editProfile", "saveProfile", "cancelProfile", "findpeer", "acceptIntro", "declineIntro", "snoozeIntro", "help", "intros"];

    private JsonObject Envelope(JsonObject inner) => SlackRequests.Event(inner, "EvH" + (++_serial).ToString(CultureInfo.InvariantCulture));

    private static JsonObject DirectMessage(string user, string text) => SlackRequests.DirectMessage(user, text);

    private HostileSlackRequest Json(string path, string kind, JsonNode body) =>
        new(kind, path, Encoding.UTF8.GetBytes(JsonText(body))) { ContentType = "application/json" };

    private HostileSlackRequest Interaction(string kind, JsonObject payload) =>
        Form("/slack/interactions", kind, new() { ["payload"] = JsonText(payload) });

    private HostileSlackRequest Event()
    {
        var user = AnyUser();
        var kind = "event";
        var inner = _random.Next(9) switch
        {
            0 or 1 or 2 => DirectMessage(user, Literal(Hostile())),
            3 => DirectMessage(user, Pick("findpeer VP marketing", "help", "intros", "profile", "findpeer " + Hostile())),
            4 => new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = "D" + user, ["tab"] = Pick("messages", "home") },
            5 => new JsonObject { ["type"] = Pick("reaction_added", "member_joined_channel", "", "message.im", "app_mention"), ["user"] = user, ["text"] = Literal(Hostile()) },
            6 => new JsonObject { ["type"] = Pick("tokens_revoked", "app_uninstalled"), ["tokens"] = new JsonObject { ["oauth"] = new JsonArray(user) } },
            7 => new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["subtype"] = Pick("message_changed", "bot_message"), ["user"] = user, ["text"] = "findpeer VP marketing" },
            _ => new JsonObject { ["type"] = "message", ["channel_type"] = Pick("channel", "mpim", "im"), ["user"] = user, ["channel"] = Literal(Hostile()), ["text"] = "help" },
        };
        var envelope = Envelope(inner);
        if (_random.Next(10) == 0)
        {
            envelope = new JsonObject { ["type"] = "url_verification", ["token"] = "x", ["challenge"] = _random.Next(2) == 0 ? Literal(Hostile()) : WrongType() };
            kind = "url_verification";
        }
        for (var n = _random.Next(0, 3); n > 0; n--)
        {
            var path = Pick(EventPaths);
            Set(envelope, path, WrongType());
            kind += ", wrong " + path;
        }
        return Json("/slack/events", kind, envelope);
    }

    private HostileSlackRequest BrokenJson()
    {
        var valid = Encoding.UTF8.GetBytes(JsonText(Envelope(DirectMessage(User(2), "findpeer VP marketing"))));
        var (kind, body) = _random.Next(11) switch
        {
            0 => ("truncated", valid[.._random.Next(valid.Length)]),
            1 => ("flipped bytes", Flip(valid)),
            2 => ("trailing garbage", [.. valid, .. "},]\"x"u8]),
            3 => ("invalid UTF-8", [.. valid[..^2], 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF, .. valid[^2..]]),
            4 => ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
            5 => ("nested objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"event\":", 63)) + "{}" + new string('}', 63))),
            6 => ("duplicate keys", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"type\":\"event_callback\"", "\"type\":\"event_callback\",\"type\":{\"a\":1}", StringComparison.Ordinal))),
            7 => ("half a surrogate pair", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"team_id\":", "\"\\ud800\":1,\"team_id\":", StringComparison.Ordinal))),
            8 => ("byte-order mark and NaN", [0xEF, 0xBB, 0xBF, .. "{\"type\":NaN,\"x\":Infinity}"u8]),
            9 => ("not an object", Encoding.UTF8.GetBytes(Pick("[]", "\"event_callback\"", "42", "null", "true"))),
            _ => ("empty or blank", Encoding.UTF8.GetBytes(new string(' ', _random.Next(3)))),
        };
        if (_random.Next(3) == 0)
        {
            // The same abuse inside an interaction's payload field.
            return Form("/slack/interactions", "payload: " + kind, new() { ["payload"] = Encoding.UTF8.GetString(body) });
        }
        return new HostileSlackRequest(kind, "/slack/events", body) { ContentType = "application/json" };
    }

    private byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var n = _random.Next(1, 6); n > 0; n--)
        {
            copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
        }
        return copy;
    }

    private JsonObject BlockActionPayload(string value, string? actionId = null)
    {
        var user = AnyUser();
        var channel = _random.Next(3) == 0 ? "C0GENERAL" : "D" + user;
        var payload = SlackRequests.BlockAction(user, channel, "1700000000.00" + _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
            actionId ?? Pick(Verbs), [], new Uri(ResponseUrl() is { } url && Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : "http://127.0.0.1:1/closed"),
            ephemeral: _random.Next(4) == 0, triggerId: Trigger());
        payload["actions"]![0]!["value"] = value;
        payload["actions"]![0]!["action_ts"] = "1700000000." + _serial.ToString(CultureInfo.InvariantCulture);
        if (_random.Next(6) == 0)
        {
            payload["response_url"] = Literal(ResponseUrl());
        }
        return payload;
    }

    private HostileSlackRequest BlockAction()
    {
        var (kind, value) = _random.Next(9) switch
        {
            0 => ("a value that is not JSON", Literal(Hostile())),
            1 => ("half a JSON value", Literal("{\"action\":\"requestIntro\",\"peer\":" + Pick("", "\"x", "[", "{\"a\":"))),
            2 => ("a nested value", Literal(Nested(_random.Next(2, 120)))),
            3 => ("a duplicated action", Literal("{\"action\":\"help\",\"action\":\"" + Pick(Verbs) + "\"}")),
            4 => ("a 20,000-character value", Literal("{\"action\":\"findpeer\",\"query\":" + HostileStrings.JsonLiteral(HostileStrings.RandomCodePoints(_random, 20_000)) + "}")),
            5 => ("a value of the wrong type", WrongType()),
            6 => ("a hostile query", Literal("{\"action\":\"findpeer\",\"query\":" + HostileStrings.JsonLiteral(Hostile()) + "}")),
            _ => ("hostile fields", Literal(HostileValue())),
        };
        var payload = BlockActionPayload(value, _random.Next(8) == 0 ? Literal(Hostile()) : null);
        for (var n = _random.Next(0, 3); n > 0; n--)
        {
            var path = Pick(ActionPaths);
            Set(payload, path, path.EndsWith("name", StringComparison.Ordinal) ? Literal(Hostile()) : WrongType());
            kind += ", wrong " + path;
        }
        return Interaction("block_actions: " + kind, payload);
    }

    /// <summary>A card action value with hostile text in every field, written by hand so lone surrogates survive.</summary>
    private string HostileValue()
    {
        string Field() => _random.Next(3) == 0 ? Pick(Raw) : HostileStrings.JsonLiteral(Hostile());
        var action = _random.Next(3) == 0 ? Field() : "\"" + Pick(Verbs) + "\"";
        return $"{{\"{Pick("action", "verb")}\":{action},\"peer\":{Field()},\"intro\":{Field()},\"round\":{Field()},\"query\":{Field()},\"note\":{Field()}}}";
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"action\":\"findpeer\",\"query\":", depth)) + "\"VP\"" + new string('}', depth);

    private HostileSlackRequest ViewSubmission()
    {
        var user = AnyUser();
        string Input(string value) => _random.Next(6) == 0 ? WrongType() : Literal(value);
        var values = new JsonObject
        {
            ["name"] = Block("name", "plain_text_input", "value", Input(Hostile())),
            ["title"] = Block("title", "plain_text_input", "value", Input(_random.Next(2) == 0 ? "VP Marketing" : Hostile())),
            ["organization"] = Block("organization", "plain_text_input", "value", Input(_random.Next(2) == 0 ? "Org " + user : Hostile())),
            ["headcount"] = Block("headcount", "number_input", "value", _random.Next(5) == 0 ? Input(Hostile()) : "250"),
            ["industry"] = Block("industry", "static_select", "selected_option", new JsonObject { ["value"] = _random.Next(3) == 0 ? Input(Hostile()) : "Software" }),
            ["timeZone"] = Block("timeZone", "static_select", "selected_option", new JsonObject { ["value"] = _random.Next(5) == 0 ? Input(Hostile()) : "Europe/London" }),
            ["topics"] = Block("topics", "plain_text_input", "value", Input(_random.Next(2) == 0 ? "pricing; hiring" : Hostile())),
            ["discoverable"] = Block("discoverable", "checkboxes", "selected_options", new JsonArray(new JsonObject { ["value"] = "true" })),
        };
        var origin = _random.Next(8) switch
        {
            0 => Literal(Hostile()),
            1 => Literal("{\"conversation\":5,\"personal\":\"yes\"}"),
            _ => SlackForms.WriteOrigin("D" + user, true),
        };
        var payload = SlackRequests.ViewSubmission(user, _random.Next(10) == 0 ? Literal(Hostile()) : SlackForms.Profile.CallbackId, values, origin);
        payload["trigger_id"] = Trigger();
        payload["view"]!["id"] = "VH" + _serial.ToString(CultureInfo.InvariantCulture);
        payload["view"]!["hash"] = "hash" + _serial.ToString(CultureInfo.InvariantCulture);
        var kind = "view_submission";
        for (var n = _random.Next(0, 4) - 1; n > 0; n--)
        {
            var path = Pick(ViewPaths);
            Set(payload, path, WrongType());
            kind += ", wrong " + path;
        }
        return Interaction(kind, payload);
    }

    private static JsonObject Block(string actionId, string type, string property, JsonNode value) =>
        new() { [actionId] = new JsonObject { ["type"] = type, [property] = value } };

    private HostileSlackRequest OtherInteraction()
    {
        var user = AnyUser();
        var payload = new JsonObject
        {
            ["type"] = Pick("view_closed", "shortcut", "message_action", "block_suggestion", "interactive_message", "", "view_submission"),
            ["team"] = new JsonObject { ["id"] = SlackRequests.Team },
            ["user"] = new JsonObject { ["id"] = user, ["name"] = Literal(Hostile()) },
            ["trigger_id"] = Trigger(),
            ["callback_id"] = Literal(Hostile()),
            ["view"] = new JsonObject { ["id"] = "VH" + _serial.ToString(CultureInfo.InvariantCulture), ["callback_id"] = Pick(SlackForms.Profile.CallbackId, "unknownForm"), ["private_metadata"] = Literal(Hostile()) },
            ["message"] = new JsonObject { ["text"] = Literal(Hostile()) },
        };
        var kind = "interaction " + payload["type"]!.GetValue<string>();
        if (_random.Next(3) == 0)
        {
            Set(payload, Pick("type", "team", "user", "view", "view.callback_id", "view.state"), WrongType());
            kind += " with a wrong type";
        }
        var json = JsonText(payload);
        return _random.Next(6) switch
        {
            0 => Form("/slack/interactions", "no payload field", new() { ["payloads"] = json }),
            1 => Form("/slack/interactions", "a payload that is not an object", new() { ["payload"] = Pick("[]", "\"x\"", "42", "null", "") }),
            _ => Form("/slack/interactions", kind, new() { ["payload"] = json }),
        };
    }
}
