using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Slack;

/// <summary>
/// Request signatures, judged by @slack/bolt's own verifySlackRequest (run in node): what it accepts our
/// endpoints accept, what it rejects gets a 401 and runs nothing. Bolt checks staleness only; we also reject
/// timestamps more than five minutes in the future, so a request signed ahead of time cannot be replayed later.
/// </summary>
public sealed class SignatureTests() : SlackTestBase("slacksig")
{
    private sealed record Case(string Name, string Body, long Timestamp, string Signature, bool Future = false);

    [Fact]
    public async Task Endpoints_accept_what_bolt_accepts_and_reject_with_401_what_it_rejects()
    {
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        string Help(string id) => SlackRequests.Command("U0SIG", "/peerbot", "help", "C0GENERAL", Slack.ResponseUrl(id), triggerId: "1337." + id);
        Case Signed(string name, string id, long at, string? secret = null) => new(name, Help(id), at, SlackRequests.Sign(Help(id), at, secret ?? SlackRequests.SigningSecret));
        var cases = new[]
        {
            Signed("valid", "valid", ts),
            Signed("four minutes old", "old4", ts - 240),
            Signed("tampered body", "tampered", ts) with { Body = Help("tampered").Replace("help", "intros", StringComparison.Ordinal) },
            Resigned(Signed("tampered signature", "sig", ts), Flip),
            Signed("six minutes old", "old6", ts - 360),
            Signed("wrong secret", "secret", ts, "not-the-secret"),
            Resigned(Signed("unknown version", "v1", ts), signature => "v1=" + signature[3..]),
            Signed("six minutes ahead", "ahead6", ts + 360) with { Future = true },
        };
        var verdicts = Judge(cases.Select(c => (c.Body, c.Timestamp, c.Signature)), now);

        string[] boltValid = ["valid", "four minutes old", "six minutes ahead"];
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            Assert.True(boltValid.Contains(c.Name) == verdicts[i]!["valid"]!.GetValue<bool>(), $"bolt on {c.Name}: {verdicts[i]}");
            var request = SlackRequests.SignedPost("/slack/commands", c.Body, DateTimeOffset.FromUnixTimeSeconds(c.Timestamp), c.Signature);
            using var response = await Client.SendAsync(request);
            var expected = verdicts[i]!["valid"]!.GetValue<bool>() && !c.Future ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            Assert.True(expected == response.StatusCode, $"{c.Name}: expected {expected}, got {response.StatusCode}");
        }

        // The accepted ones ran; nothing rejected did.
        await Slack.WaitForAsync(c => c.Method == "response_url:valid", what: "the valid command's reply");
        await Slack.WaitForAsync(c => c.Method == "response_url:old4", what: "the four-minute-old command's reply");
        await Task.Delay(500);
        Assert.Equal(["response_url:old4", "response_url:valid"], Slack.Messages.Select(m => m.Method).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_endpoint_refuses_unsigned_and_forged_requests()
    {
        var body = SlackRequests.Event(SlackRequests.DirectMessage("U0SIG", "help")).ToJsonString();
        var form = SlackRequests.Interaction(new JsonObject { ["type"] = "block_actions" });
        foreach (var (path, content) in new[] { ("/slack/events", body), ("/slack/interactions", form), ("/slack/commands", form) })
        {
            using var unsigned = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content, Encoding.UTF8, "application/json") };
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(unsigned)).StatusCode);
            var forged = SlackRequests.SignedPost(path, content, signature: "v0=" + new string('0', 64));
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(forged)).StatusCode);
        }
        await Task.Delay(300);
        Assert.Empty(Slack.Calls);
    }

    [Fact]
    public void Our_signatures_and_verdicts_agree_with_bolt_on_many_bodies()
    {
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        string[] bodies = ["", "a=1", "payload=%7B%22type%22%3A%22block_actions%22%7D", "{\"type\":\"event_callback\",\"text\":\"Grüße 🚀\"}", new string('x', 40_000)];
        var cases = bodies.SelectMany(body => new[]
        {
            (body, ts, SlackSignature.Compute(SlackRequests.SigningSecret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body))),
            (body, ts - 299, SlackRequests.Sign(body, ts - 299)),
            (body, ts - 301, SlackRequests.Sign(body, ts - 301)),
            (body + " ", ts, SlackRequests.Sign(body, ts)),
        }).ToList();
        var verdicts = Judge(cases, now);
        for (var i = 0; i < cases.Count; i++)
        {
            var (body, timestamp, signature) = cases[i];
            var ours = SlackSignature.IsValid(SlackRequests.SigningSecret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Encoding.UTF8.GetBytes(body), now);
            Assert.True(verdicts[i]!["valid"]!.GetValue<bool>() == ours, $"case {i}: bolt {verdicts[i]}, ours {ours}");
        }
        Assert.Contains(verdicts, v => v!["valid"]!.GetValue<bool>());
        Assert.Contains(verdicts, v => !v!["valid"]!.GetValue<bool>());
    }

    private static JsonArray Judge(IEnumerable<(string Body, long Timestamp, string Signature)> cases, DateTimeOffset now) =>
        NodeOracle.Run("slack-verify.mjs", new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
        {
            ["signingSecret"] = SlackRequests.SigningSecret,
            ["body"] = c.Body,
            ["timestamp"] = c.Timestamp,
            ["signature"] = c.Signature,
            ["nowMs"] = now.ToUnixTimeMilliseconds(),
        })]));

    private static Case Resigned(Case signed, Func<string, string> change) => signed with { Signature = change(signed.Signature) };

    private static string Flip(string signature) => signature[..^1] + (signature[^1] == '0' ? '1' : '0');
}
