using System.Text.Json.Nodes;

namespace PeerBot.Tests.Cards;

/// <summary>Each card template, bound to each of its samples, expands here exactly as in the npm adaptivecards-templating package.</summary>
public sealed class CardTemplateOracleTests(CardTemplateOracleTests.NpmExpansions npm) : IClassFixture<CardTemplateOracleTests.NpmExpansions>
{
    public static TheoryData<string> Samples() => CardSamples.Samples();

    [Fact]
    public void Every_template_has_a_sample_and_every_sample_a_template()
    {
        var sampled = CardSamples.SampleNames.Select(CardSamples.TemplateOf).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(CardSamples.TemplateNames, sampled.Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string>(["error", "help", "noResults", "profile", "profileForm", "results", "welcome", "introRequest", "introConnected"]), CardSamples.TemplateNames.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_expands_like_the_npm_package(string sample)
    {
        var index = CardSamples.SampleNames.ToList().IndexOf(sample);
        var result = npm.Results[index]!;
        Assert.True(result["ok"]!.GetValue<bool>(), $"npm could not expand {sample}: {result["error"]}");
        TemplateComparison.AssertSame(sample, CardSamples.Template(CardSamples.TemplateOf(sample)), CardSamples.Sample(sample), result);
    }

    /// <summary>All samples expanded by npm in one node call.</summary>
    public sealed class NpmExpansions
    {
        public JsonArray Results { get; } = NodeOracle.Run("expand-templates.mjs", new JsonArray([.. CardSamples.SampleNames.Select(sample =>
            new JsonObject { ["template"] = CardSamples.Template(CardSamples.TemplateOf(sample)), ["data"] = CardSamples.Sample(sample) })]));
    }
}
