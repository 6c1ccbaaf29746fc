using System.Text.Json.Nodes;
using PeerBot.Slack;

namespace PeerBot.Tests.Slack;

/// <summary>Slack's limits are kept before anything is sent: cut with "…" or split, and always reported.</summary>
public sealed class BlockKitLimitTests
{
    [Fact]
    public void A_message_over_50_blocks_is_split_into_several()
    {
        var notes = new List<string>();
        var outbound = Card(Sections(120), notes);

        Assert.Equal([50, 50, 20], outbound.Messages.Select(m => m.Blocks!.Count));
        Assert.Equal("Summary", outbound.Messages[2].Text);
        Assert.Contains("120 blocks split into 3 messages", notes);
    }

    [Fact]
    public void A_message_whose_blocks_are_too_long_in_total_is_split_before_Slack_refuses_it()
    {
        var outbound = Card(Sections(10, textLength: 2900), []);

        Assert.True(outbound.Messages.Count > 1);
        Assert.All(outbound.Messages, m => Assert.True(m.Blocks!.ToJsonString().Length <= BlockKit.MaxMessageChars + 3000));
        Assert.Equal(10, outbound.Messages.Sum(m => m.Blocks!.Count));
    }

    [Fact]
    public void A_card_that_must_stay_one_message_is_cut_and_says_so()
    {
        var notes = new List<string>();
        var message = Card(Sections(75), notes).WholeCard(notes);

        Assert.Equal(50, message.Blocks!.Count);
        Assert.Equal("…and 26 more not shown here.", message.Blocks[^1]!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("26 of 75 blocks left out", notes);
    }

    [Fact]
    public void Texts_are_cut_to_their_limits_with_an_ellipsis()
    {
        var notes = new List<string>();
        var card = new JsonObject
        {
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = Plain(new string('h', 400)) },
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(new string('s', 5000)) },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = Plain(new string('b', 90)), ["value"] = "{}" }),
                }),
        };

        BlockKit.Prepare(card, notes);

        var header = card["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        var section = card["blocks"]![1]!["text"]!["text"]!.GetValue<string>();
        var button = card["blocks"]![2]!["elements"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal((150, '…'), (header.Length, header[^1]));
        Assert.Equal((3000, '…'), (section.Length, section[^1]));
        Assert.Equal((75, '…'), (button.Length, button[^1]));
        Assert.Equal(3, notes.Count);
    }

    [Fact]
    public void Escaping_never_leaves_half_an_entity_at_a_cut()
    {
        var cut = BlockKit.Fit(new string('a', 2996) + "&amp;&amp;", 3000);
        Assert.EndsWith("a…", cut, StringComparison.Ordinal);
        Assert.True(cut.Length <= 3000);
    }

    [Fact]
    public void Member_text_cannot_mention_or_link_and_markdown_becomes_mrkdwn()
    {
        Assert.Equal("Hi &lt;!channel&gt; &amp; *you*: <https://peerbot.example|docs>", BlockKit.Mrkdwn("Hi <!channel> & **you**: [docs](https://peerbot.example)"));
    }

    [Fact]
    public void A_button_value_over_2000_characters_fails_loudly()
    {
        var card = new JsonObject
        {
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = Plain("Go"), ["value"] = new string('v', 2001) }),
            }),
        };
        Assert.Throws<InvalidOperationException>(() => BlockKit.Prepare(card, []));
    }

    [Fact]
    public void Long_option_lists_are_cut_to_100()
    {
        var notes = new List<string>();
        var options = new JsonArray([.. Enumerable.Range(0, 130).Select(i => (JsonNode)new JsonObject { ["text"] = Plain("o" + i), ["value"] = "v" + i })]);
        var view = new JsonObject { ["type"] = "static_select", ["action_id"] = "s", ["options"] = options };

        BlockKit.Prepare(view, notes);

        Assert.Equal(100, view["options"]!.AsArray().Count);
        Assert.Contains("30 of 130 options left out", notes);
    }

    private static JsonArray Sections(int count, int textLength = 10) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(i + new string('x', textLength)) })]);

    private static SlackOutbound Card(JsonArray blocks, List<string> notes) =>
        SlackOutbound.FromCard(new JsonObject { ["blocks"] = blocks }, "Summary", notes);

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
