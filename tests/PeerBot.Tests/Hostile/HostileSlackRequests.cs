using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Tests.Hostile;

/// <summary>
/// Generates malformed and hostile requests for /slack/commands, /slack/events and /slack/interactions from a
/// fixed seed. Almost all are correctly signed, so they get past the signature check to the parsers and the bot;
/// a share is unsigned or forged. Responses go to the Slack stub (<paramref name="respond"/> makes a response_url).
/// </summary>
public sealed partial class HostileSlackRequests(Func<string, Uri> respond, int seed)
{
    /// <summary>Slack's own markup, which member text must never turn into: mentions, broadcasts, links, formatting.</summary>
    public static readonly string[] SlackInjections =
    [
        "<!channel>",
        "<!here> <!everyone>",
        "<@U0ADMIN>",
        "<#C0GENERAL>",
        "<!subteam^S0LEADERS>",
        "<https://evil.example/|click>",
        "<mailto:ceo@evil.example|CEO>",
        "<!date^1392734382^{date}|x>",
        "&lt;!channel&gt; &amp;",
        "*bold* _italic_ ~strike~ `code`",
        "**bold** [click](https://evil.example/)",
        "```\ncode\n```",
        "> quoted\n>>> more",
        ":skull: :+1::skin-tone-2:",
    ];

    private static readonly string[] Raw = ["42", "-1.5e308", "true", "null", "[]", "[1,\"a\",null]", "{}", "{\"id\":5}", "\"\"", "[[[[[]]]]]", "-0", "\"x\""];

    private readonly Random _random = new(seed);
    private readonly List<string> _literals = [];
    private int _serial;

    public IReadOnlyList<HostileSlackRequest> Generate(int count)
    {
        var requests = new List<HostileSlackRequest>(count);
        for (var i = 0; i < 18; i++)
        {
            requests.Add(Big(i));
        }
        while (requests.Count < count)
        {
            requests.Add((requests.Count % 12) switch
            {
                0 => Forged(),
                1 or 2 or 3 => Command(),
                4 => BrokenForm(),
                5 or 6 => Event(),
                7 => BrokenJson(),
                8 or 9 => BlockAction(),
                10 => ViewSubmission(),
                _ => OtherInteraction(),
            });
        }
        return requests;
    }

    /// <summary>Members who send the requests; some have names full of markup in users.info (see <see cref="StubUsers"/>).</summary>
    public static string User(int n) => "U0H" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>users.info names for the first members: Slack markup and hostile text.</summary>
    public static IEnumerable<(string Id, string Name)> StubUsers() =>
        SlackInjections.Concat(HostileStrings.Injections.Take(6)).Select((name, i) => (User(i), name));

    private string AnyUser() => _random.Next(20) == 0 ? Hostile() : User(_random.Next(40));

    private string Trigger() => "1337.h" + (++_serial).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Hostile() => _random.Next(3) == 0 ? SlackInjections[_random.Next(SlackInjections.Length)] : HostileStrings.Random(_random);

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    /// <summary>A response_url: mostly the stub's, sometimes one that cannot be posted to.</summary>
    private string ResponseUrl() => _random.Next(12) switch
    {
        0 => Pick("not a url", "javascript:alert(1)", "ftp://127.0.0.1/x", "http://127.0.0.1:1/closed", "", "//127.0.0.1/x", "http://[::1"),
        1 => Hostile(),
        _ => respond("h" + _random.Next(1000)).ToString(),
    };

    private HostileSlackRequest Forged()
    {
        var inner = Pick<Func<HostileSlackRequest>>(Command, Event, BlockAction)();
        var signing = (SlackSigning)_random.Next(1, Enum.GetValues<SlackSigning>().Length);
        return inner with { Kind = $"{signing} signature on {inner.Kind}", Signing = signing };
    }

    private HostileSlackRequest Big(int i)
    {
        // Half are over the body limit (a 4xx, read or not); half just under it, so long strings reach the parsers.
        var over = i % 2 == 0;
        var text = i % 3 == 0 ? new string('A', over ? 1 << 20 : 400 * 1024) : HostileStrings.RandomCodePoints(_random, over ? 1 << 20 : 40 * 1024);
        var request = (i / 2 % 3) switch
        {
            0 => Form("/slack/commands", "1 MB command text", CommandFields(text)),
            1 => Json("/slack/events", "1 MB event text", Envelope(DirectMessage(User(1), Literal(text)))),
            _ => Interaction("1 MB button value", BlockActionPayload(Literal(text))),
        };
        return request with { Kind = $"{request.Kind} ({(over ? "over" : "under")} the limit)", Unsized = i % 4 == 0 };
    }

    private Dictionary<string, string> CommandFields(string? text = null) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = Tests.Slack.SlackRequests.Team,
        ["team_domain"] = "leaders",
        ["channel_id"] = _random.Next(3) == 0 ? "D" + User(_random.Next(40)) : "C0GENERAL",
        ["channel_name"] = "general",
        ["user_id"] = AnyUser(),
        ["user_name"] = _random.Next(2) == 0 ? Hostile() : "leader",
        ["command"] = Pick("/findpeer", "/peerbot", "/PeerBot", "/unknown", "", "/", "findpeer"),
        ["text"] = text ?? (_random.Next(3) == 0 ? Pick("VP marketing", "help", "profile", "intros", "privacy nobody", "stats", "profile edit") : Hostile()),
        ["api_app_id"] = "A0PEERBOT",
        ["is_enterprise_install"] = Pick("false", "true", "maybe"),
        ["response_url"] = ResponseUrl(),
        ["trigger_id"] = _random.Next(10) == 0 ? Hostile() : Trigger(),
    };

    private HostileSlackRequest Command()
    {
        var fields = CommandFields();
        var changed = new List<string>();
        for (var n = _random.Next(0, 3); n > 0; n--)
        {
            var field = Pick([.. fields.Keys]);
            if (_random.Next(3) == 0)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = Hostile();
            }
            changed.Add(field);
        }
        return Form("/slack/commands", "command, changed: " + string.Join(",", changed), fields);
    }

    /// <summary>Form encodings no browser would send: broken escapes, invalid UTF-8, too many or too long fields, duplicates.</summary>
    private HostileSlackRequest BrokenForm()
    {
        var path = Pick("/slack/commands", "/slack/interactions");
        var valid = path == "/slack/commands"
            ? FormBody(CommandFields())
            : FormBody(new() { ["payload"] = JsonText(BlockActionPayload("{\"action\":\"help\"}")) });
        var (kind, body) = _random.Next(10) switch
        {
            0 => ("broken percent escapes", valid + "&text=%&x=%zz%E0%A4%A&%"),
            1 => ("invalid UTF-8", valid + "&text=%ED%A0%80%C3%28%FF%FE&user_name=%C0%AF"),
            2 => ("fields without values", "&&&==&=x&text&command=/findpeer&" + valid),
            3 => ("duplicated fields", valid + "&" + valid + "&command=/peerbot&payload=%7B%7D"),
            4 => ("2000 fields", valid + string.Concat(Enumerable.Range(0, 2000).Select(i => $"&f{i}=v"))),
            5 => ("a 5000-character field name", valid + "&" + new string('k', 5000) + "=v"),
            6 => ("JSON where a form belongs", JsonText(BlockActionPayload("{}"))),
            7 => ("plus signs and NULs", valid.Replace("&", "&%00+", StringComparison.Ordinal)),
            8 => ("empty body", ""),
            _ => ("truncated", valid[.._random.Next(valid.Length)]),
        };
        return new HostileSlackRequest(kind, path, Encoding.UTF8.GetBytes(body)) { ContentType = Pick("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x") };
    }

    private static HostileSlackRequest Form(string path, string kind, Dictionary<string, string> fields) =>
        new(kind, path, Encoding.UTF8.GetBytes(FormBody(fields)));

    /// <summary>Percent-encodes every UTF-8 byte; half a surrogate pair becomes U+FFFD, as any client would send it.</summary>
    private static string FormBody(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    private static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>A string for a JSON node that reaches the body exactly as given, lone surrogates included (see <see cref="JsonText"/>).</summary>
    private string Literal(string value)
    {
        _literals.Add(value);
        return $"@@L{_literals.Count - 1}@@";
    }

    /// <summary>Raw JSON (a number, an array, ...) where Slack sends something else.</summary>
    private string Rawly(string raw)
    {
        _literals.Add(raw);
        return $"@@R{_literals.Count - 1}@@";
    }

    private string JsonText(JsonNode node)
    {
        var json = new StringBuilder(node.ToJsonString());
        for (var i = 0; i < _literals.Count; i++)
        {
            json.Replace($"\"@@L{i}@@\"", HostileStrings.JsonLiteral(_literals[i])).Replace($"\"@@R{i}@@\"", _literals[i]);
        }
        _literals.Clear();
        return json.ToString();
    }

    private string WrongType() => _random.Next(4) == 0 ? Literal(Hostile()) : Rawly(Pick(Raw));

    /// <summary>Sets a dotted path (numbers index arrays), creating objects on the way.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode node = root;
        var parts = path.Split('.');
        for (var n = 0; n < parts.Length; n++)
        {
            var index = int.TryParse(parts[n], out var i) ? i : -1;
            var existing = node switch
            {
                JsonObject o => o[parts[n]],
                JsonArray a when index >= 0 && index < a.Count => a[index],
                _ => null,
            };
            var next = n == parts.Length - 1 ? value : existing is JsonObject or JsonArray ? existing : new JsonObject();
            if (!ReferenceEquals(next, existing))
            {
                switch (node)
                {
                    case JsonObject o:
                        o[parts[n]] = next;
                        break;
                    case JsonArray a when index >= 0 && index < a.Count:
                        a[index] = next;
                        break;
                    default:
                        return;
                }
            }
            if (next is null)
            {
                return;
            }
            node = next;
        }
    }
}
