using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Slack;

/// <summary>
/// Every Block Kit template, bound to every sample of its view data and prepared as PeerBot sends it,
/// type-checks under @slack/types (<c>KnownBlock[]</c> for messages, <c>ModalView</c> for modals) and keeps
/// Slack's rules that types cannot express.
/// </summary>
public sealed class BlockKitTemplateTests
{
    public static TheoryData<string> Samples() => [.. SlackCards.Samples.Select(s => s.Sample)];

    [Fact]
    public void Every_card_PeerBot_sends_has_a_Slack_template_with_a_sample()
    {
        Assert.Superset(CardSamples.TemplateNames.ToHashSet(StringComparer.Ordinal), SlackCards.TemplateNames.ToHashSet(StringComparer.Ordinal));
        Assert.All(SlackCards.TemplateNames, name => Assert.Contains(SlackCards.Samples, s => s.Template == name));
    }

    [Fact]
    public void Every_sample_type_checks_as_Block_Kit_and_a_broken_block_does_not()
    {
        var files = SlackCards.Samples.ToDictionary(s => s.Sample.Replace('.', '_') + ".ts", s => TypeScriptOf(s.Sample, SlackCards.Prepared(s.Template, s.Data)));
        // The check must be able to fail: a section whose text object lost its type.
        files["broken_control.ts"] = "import type { KnownBlock } from '@slack/types';\n" +
            "export const broken: KnownBlock[] = [{ \"type\": \"section\", \"text\": { \"text\": \"no type\" } }];\n";

        var result = TypeScriptCheck.Run(files);

        var problems = result.Output.Split('\n').Where(line => line.Contains("error TS", StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, line => line.StartsWith("broken_control.ts", StringComparison.Ordinal));
        Assert.True(problems.All(line => line.StartsWith("broken_control.ts", StringComparison.Ordinal)), result.Output);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_keeps_Slacks_rules(string sample)
    {
        var (template, _, data) = SlackCards.Samples.Single(s => s.Sample == sample);
        var notes = new List<string>();
        var card = SlackCards.Prepared(template, data, notes);
        Assert.Empty(notes);
        var blocks = (card["blocks"] as JsonArray)!;
        Assert.InRange(blocks.Count, 1, card["type"]?.GetValue<string>() == "modal" ? BlockKit.MaxViewBlocks : BlockKit.MaxMessageBlocks);
        foreach (var text in Descendants(card).Where(n => n["type"]?.GetValue<string>() is "mrkdwn" or "plain_text"))
        {
            Assert.False(string.IsNullOrWhiteSpace(text["text"]?.GetValue<string>()), $"{sample}: empty text in {card.ToJsonString()}");
            Assert.DoesNotContain("${", text["text"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        foreach (var button in Descendants(card).Where(n => n["type"]?.GetValue<string>() == "button" && n["url"] is null))
        {
            var value = JsonNode.Parse(button["value"]!.GetValue<string>())!.AsObject();
            Assert.False(string.IsNullOrEmpty(value["action"]?.GetValue<string>()), $"{sample}: a button without an action: {button.ToJsonString()}");
        }
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var ids = Descendants(block).Select(n => n["action_id"]?.GetValue<string>()).OfType<string>().ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Samples_expand_here_as_in_the_npm_templating_package()
    {
        var results = NodeOracle.Run("expand-templates.mjs", new JsonArray([.. SlackCards.Samples.Select(s =>
            (JsonNode)new JsonObject { ["template"] = SlackCards.Template(s.Template), ["data"] = s.Data.DeepClone() })]));
        for (var i = 0; i < SlackCards.Samples.Count; i++)
        {
            var (template, sample, data) = SlackCards.Samples[i];
            TemplateComparison.AssertSame(sample, SlackCards.Template(template), data, results[i]!);
        }
    }

    private static string TypeScriptOf(string sample, JsonNode card)
    {
        var name = "card_" + sample.Replace('.', '_');
        return card["type"]?.GetValue<string>() == "modal"
            ? $"import type {{ ModalView }} from '@slack/types';\nexport const {name}: ModalView = {card.ToJsonString()};\n"
            : $"import type {{ KnownBlock }} from '@slack/types';\nexport const {name}: KnownBlock[] = {card["blocks"]!.ToJsonString()};\n";
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
