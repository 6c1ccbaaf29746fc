using System.Text.Json.Nodes;
using PeerBot.Cards.Templating;

namespace PeerBot.Tests.Cards;

/// <summary>
/// Every sample card, as our engine expands it, parses as an Adaptive Card 1.5 under the npm adaptivecards
/// package with no parse or validation events.
/// </summary>
public sealed class CardSchemaTests(CardSchemaTests.Validation validation) : IClassFixture<CardSchemaTests.Validation>
{
    public static TheoryData<string> Samples() => CardSamples.Samples();

    public static TheoryData<string> Templates() => CardSamples.Templates();

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_is_an_adaptive_card_1_5(string template)
    {
        var card = CardSamples.Template(template);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]?.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
        Assert.Equal("1.5", card["version"]?.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Expanded_sample_has_no_parse_or_validation_events(string sample)
    {
        var index = CardSamples.SampleNames.ToList().IndexOf(sample);
        var events = validation.Results[index]!["events"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.True(events.Count == 0, $"{sample}:\n  " + string.Join("\n  ", events));
    }

    [Fact]
    public void The_validator_reports_broken_cards()
    {
        // Guards the guard: a card with an unknown element and a bad colour must produce events.
        var events = validation.Results[^1]!["events"]!.AsArray();
        Assert.Equal(2, events.Count);
    }

    /// <summary>Every sample expanded by our engine, then a deliberately broken card, validated in one node call.</summary>
    public sealed class Validation
    {
        private static readonly JsonNode BrokenCard = JsonNode.Parse("""
            { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Nope" }, { "type": "TextBlock", "text": "x", "color": "Purple" } ] }
            """)!;

        public JsonArray Results { get; } = NodeOracle.Run("validate-cards.mjs", new JsonArray([
            .. CardSamples.SampleNames.Select(sample =>
                new AdaptiveTemplate(CardSamples.TemplateText(CardSamples.TemplateOf(sample))).Expand(CardSamples.Sample(sample))),
            BrokenCard]));
    }
}
