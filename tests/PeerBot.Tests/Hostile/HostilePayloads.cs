using System.Text;
using System.Text.Json.Nodes;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Hostile;

/// <summary>One request body for /api/messages and what kind of abuse it is.</summary>
public sealed record HostilePayload(string Kind, byte[] Body)
{
    public override string ToString() => $"{Kind} ({Body.Length} bytes): {Encoding.UTF8.GetString(Body, 0, Math.Min(2500, Body.Length))}";
}

/// <summary>
/// Generates malformed and hostile activities from a fixed seed, so every run posts the same payloads.
/// Strings are written as JSON escapes, so lone surrogates and NULs reach the server as a real client could send them.
/// </summary>
public sealed class HostilePayloads(string serviceUrl, int seed)
{
    private static readonly string[] Fields =
    [
        "type", "id", "text", "from", "from.id", "from.name", "from.aadObjectId", "conversation", "conversation.id",
        "conversation.conversationType", "conversation.tenantId", "recipient", "serviceUrl", "channelId", "channelData",
        "channelData.tenant", "value", "value.action", "entities", "attachments", "timestamp", "localTimezone", "locale",
        "membersAdded", "textFormat", "replyToId", "name", "summary",
    ];

    private static readonly string[] Raw = ["42", "-1.5e308", "1e400", "true", "null", "[]", "[1,\"a\",null]", "{}", "{\"id\":5}", "\"\"", "[[[[[]]]]]", "-0"];

    private static readonly string[] FormFields = ["name", "title", "organization", "headcount", "industry", "timeZone", "topics", "discoverable"];

    private readonly Random _random = new(seed);
    private readonly List<string> _literals = [];

    public IReadOnlyList<HostilePayload> Generate(int count)
    {
        var payloads = new List<HostilePayload>(count);
        for (var i = 0; i < 24; i++)
        {
            payloads.Add(Megabyte(i));
        }
        while (payloads.Count < count)
        {
            payloads.Add((payloads.Count % 5) switch
            {
                0 => WrongTypes(),
                1 => BrokenJson(),
                2 => HostileText(),
                3 => HostileForm(),
                _ => HostileAction(),
            });
        }
        return payloads;
    }

    private string User() => "u-hostile-" + _random.Next(40);

    private JsonObject Message(string? text) => Activities.Message(serviceUrl, User(), text ?? "");

    private string Literal(string value)
    {
        _literals.Add(value);
        return $"@@L{_literals.Count - 1}@@";
    }

    private string Rawly(string raw)
    {
        _literals.Add(raw);
        return $"@@R{_literals.Count - 1}@@";
    }

    private byte[] Encode(JsonNode activity)
    {
        var json = new StringBuilder(activity.ToJsonString());
        for (var i = 0; i < _literals.Count; i++)
        {
            json.Replace($"\"@@L{i}@@\"", HostileStrings.JsonLiteral(_literals[i])).Replace($"\"@@R{i}@@\"", _literals[i]);
        }
        _literals.Clear();
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private HostilePayload Megabyte(int i)
    {
        // Half are just under the body limit, so that long strings reach the bot itself.
        var length = i % 2 == 0 ? 1 << 20 : 100 * 1024;
        var big = i % 3 == 0 ? new string('A', length) : HostileStrings.RandomCodePoints(_random, length);
        var activity = Message("findpeer VP marketing");
        var field = (i % 4) switch { 0 => "text", 1 => "from.name", 2 => "value.name", _ => "conversation.id" };
        Set(activity, field, Literal(big));
        return new($"{length / 1024} KB string in {field}", Encode(activity));
    }

    private HostilePayload WrongTypes()
    {
        var activity = _random.Next(3) == 0 ? Activities.Installed(serviceUrl, User()) : Message("findpeer VP marketing");
        var changed = new List<string>();
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var field = Fields[_random.Next(Fields.Length)];
            Set(activity, field, _random.Next(4) == 0 ? Literal(HostileStrings.Random(_random)) : Rawly(Raw[_random.Next(Raw.Length)]));
            changed.Add(field);
        }
        return new("wrong types in " + string.Join(",", changed), Encode(activity));
    }

    private HostilePayload BrokenJson()
    {
        var valid = Encode(Message("findpeer VP marketing"));
        return _random.Next(8) switch
        {
            0 => new("truncated", valid[.._random.Next(valid.Length)]),
            1 => new("flipped bytes", Flip(valid)),
            2 => new("trailing garbage", [.. valid, .. Encoding.UTF8.GetBytes(",}]\"x")]),
            3 => new("invalid utf-8", [.. valid[..^2], 0xC3, 0x28, 0xFF, 0xFE, .. valid[^2..]]),
            4 => new("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
            5 => new("duplicate keys", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"type\":\"message\"", "\"type\":\"message\",\"type\":{\"a\":1}", StringComparison.Ordinal))),
            6 => new("byte-order mark and NaN", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"type\":NaN,\"x\":Infinity}")]),
            _ => new("empty or blank", Encoding.UTF8.GetBytes(new string(' ', _random.Next(3)))),
        };
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

    private HostilePayload HostileText()
    {
        var text = HostileStrings.Random(_random);
        var prefix = _random.Next(3) switch { 0 => "findpeer ", 1 => "profile ", _ => "" };
        var activity = Message("");
        Set(activity, "text", Literal(prefix + text));
        if (_random.Next(2) == 0)
        {
            Set(activity, "from.name", Literal(HostileStrings.Random(_random)));
        }
        return new("hostile text", Encode(activity));
    }

    private HostilePayload HostileForm()
    {
        var value = new JsonObject { ["action"] = "saveProfile" };
        foreach (var field in FormFields)
        {
            value[field] = _random.Next(3) switch
            {
                0 => Literal(HostileStrings.Random(_random)),
                1 => Rawly(Raw[_random.Next(Raw.Length)]),
                _ => field switch { "headcount" => "250", "timeZone" => "Europe/London", "discoverable" => "true", _ => "VP Marketing" },
            };
        }
        var activity = Activities.Submit(serviceUrl, User(), value);
        return new("hostile profile form", Encode(activity));
    }

    private HostilePayload HostileAction()
    {
        var value = new JsonObject
        {
            [_random.Next(2) == 0 ? "action" : "verb"] = _random.Next(3) == 0
                ? Literal(HostileStrings.Random(_random))
                : new[] { "editProfile", "saveProfile", "cancelProfile", "findpeer", "requestIntro", "help" }[_random.Next(6)],
            ["query"] = Literal(HostileStrings.Random(_random)),
            ["peer"] = _random.Next(2) == 0 ? Literal(HostileStrings.Random(_random)) : Rawly(Raw[_random.Next(Raw.Length)]),
        };
        var activity = Activities.Submit(serviceUrl, User(), value);
        if (_random.Next(4) == 0)
        {
            activity["type"] = "invoke";
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = value["verb"]?.DeepClone() ?? "x", ["data"] = value.DeepClone() } };
        }
        return new("hostile card action", Encode(activity));
    }

    private static void Set(JsonObject activity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = activity;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }
            node = child;
        }
        node[parts[^1]] = value;
    }
}
