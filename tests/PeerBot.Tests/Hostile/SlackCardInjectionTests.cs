using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Hostile;

/// <summary>
/// Slack markup and Markdown saved as names and organizations through the Slack profile modal, then shown on
/// the member's own profile card and on another organization's findpeer results: Slack must receive them
/// escaped (<c>&amp; &lt; &gt;</c>), so none becomes a mention, a broadcast or a link.
/// </summary>
public sealed class SlackCardInjectionTests() : SlackTestBase("slackinject")
{
    private static readonly string[] Names =
    [
        "<https://evil.example/|click>",
        "<!channel>",
        "[click](https://evil.example/)",
        "*bold* &lt;!here&gt;",
        "<@U0ADMIN> & <#C0GENERAL>",
    ];

    [Fact]
    public async Task Names_and_organizations_full_of_markup_reach_Slack_escaped_on_profile_cards_and_results()
    {
        for (var i = 0; i < Names.Length; i++)
        {
            var member = "U0INJ" + i;
            await InteractAsync(Submission(member, Names[i], $"{Names[i]} Inc {i}"));
            var saved = await Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Channel == SlackStub.DirectMessage(member) && c.Blocks.Count > 0, what: "the profile card");
            Assert.Contains(SlackMarkup.MrkdwnTexts(saved), text => text.Contains(Shown($"{Names[i]} Inc {i}"), StringComparison.Ordinal));
            AssertEscaped(saved);
        }

        await CommandAsync("U0ASKER", "/findpeer", "VP marketing", "C0GENERAL");
        var results = await Slack.WaitForAsync(c => c.Method.StartsWith("response_url:", StringComparison.Ordinal), what: "the results");

        var texts = SlackMarkup.MrkdwnTexts(results).ToList();
        foreach (var name in Names)
        {
            Assert.True(texts.Any(t => t.StartsWith($"*{Shown(name)}*\n", StringComparison.Ordinal)), $"'{name}' is not shown as '{Shown(name)}': {results.Raw}");
        }
        // Markdown a member typed stays as typed, in the card and in its notification text.
        Assert.Contains("[click](https://evil.example/)", results.Text, StringComparison.Ordinal);
        AssertEscaped(results);
    }

    [Fact]
    public void Card_text_keeps_Markdown_links_as_typed_where_text_replies_turn_them_into_links()
    {
        const string Typed = "**Ada** [click](https://evil.example/) <!channel> & co";

        Assert.Equal("*Ada* [click](https://evil.example/) &lt;!channel&gt; &amp; co", BlockKit.CardMrkdwn(Typed));
        Assert.Equal("*Ada* <https://evil.example/|click> &lt;!channel&gt; &amp; co", BlockKit.Mrkdwn(Typed));
    }

    /// <summary>How Slack must receive member text in mrkdwn: its three control characters escaped, nothing else changed.</summary>
    private static string Shown(string typed) =>
        typed.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void AssertEscaped(SlackCall call)
    {
        var texts = SlackMarkup.MrkdwnTexts(call).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.True(SlackMarkup.IsEscaped(text), $"Slack would read markup in: {text}"));
    }

    private static JsonObject Submission(string user, string name, string organization)
    {
        static JsonObject Input(string id, string type, string property, JsonNode value) => new() { [id] = new JsonObject { ["type"] = type, [property] = value } };
        var values = new JsonObject
        {
            ["name"] = Input("name", "plain_text_input", "value", name),
            ["title"] = Input("title", "plain_text_input", "value", "VP Marketing"),
            ["organization"] = Input("organization", "plain_text_input", "value", organization),
            ["headcount"] = Input("headcount", "number_input", "value", "250"),
            ["industry"] = Input("industry", "static_select", "selected_option", new JsonObject { ["value"] = "Software" }),
            ["timeZone"] = Input("timeZone", "static_select", "selected_option", new JsonObject { ["value"] = "Europe/Berlin" }),
            ["discoverable"] = Input("discoverable", "checkboxes", "selected_options", new JsonArray(new JsonObject { ["value"] = "true" })),
        };
        return SlackRequests.ViewSubmission(user, SlackForms.Profile.CallbackId, values, SlackForms.WriteOrigin(SlackStub.DirectMessage(user), true));
    }
}
