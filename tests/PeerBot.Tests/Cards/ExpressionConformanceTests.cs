using System.Text.Json.Nodes;

namespace PeerBot.Tests.Cards;

/// <summary>
/// The conformance suite for the template engine: every case in ExpressionCases.json is expanded by our
/// engine and by the npm adaptivecards-templating package, and the results must be identical (or both fail).
/// </summary>
public sealed class ExpressionConformanceTests(ExpressionConformanceTests.NpmResults npm) : IClassFixture<ExpressionConformanceTests.NpmResults>
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(NodeOracle.RepositoryRoot, "tests", "PeerBot.Tests", "Cards", "ExpressionCases.json")))!.AsArray());

    public static TheoryData<string> CaseNames() => [.. Cases.Value.Select(c => c!["name"]!.GetValue<string>())];

    [Fact]
    public void The_suite_is_large_enough_to_mean_something()
    {
        Assert.True(Cases.Value.Count >= 40, $"Only {Cases.Value.Count} conformance cases.");
        Assert.Equal(Cases.Value.Count, CaseNames().Count);
        Assert.Equal(Cases.Value.Count, Cases.Value.Select(c => c!["name"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Expands_like_the_npm_package(string name)
    {
        var index = Cases.Value.Select(c => c!["name"]!.GetValue<string>()).ToList().IndexOf(name);
        var testCase = Cases.Value[index]!;
        TemplateComparison.AssertSame(name, testCase["template"]!, testCase["data"], npm.Results[index]!);
    }

    /// <summary>All cases expanded by npm in one node call.</summary>
    public sealed class NpmResults
    {
        public JsonArray Results { get; } = NodeOracle.Run("expand-templates.mjs",
            new JsonArray([.. Cases.Value.Select(c => new JsonObject { ["template"] = c!["template"]!.DeepClone(), ["data"] = c["data"]?.DeepClone() })]));
    }
}
