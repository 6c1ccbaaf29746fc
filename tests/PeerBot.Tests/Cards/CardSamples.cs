using System.Text.Json.Nodes;

namespace PeerBot.Tests.Cards;

/// <summary>
/// The Teams card templates (cards/teams/NAME.json) and their sample view data
/// (cards/samples/NAME.json and cards/samples/NAME.VARIANT.json).
/// </summary>
internal static class CardSamples
{
    public static string TemplateDirectory { get; } = Path.Combine(NodeOracle.RepositoryRoot, "cards", "teams");

    public static string SampleDirectory { get; } = Path.Combine(NodeOracle.RepositoryRoot, "cards", "samples");

    public static IReadOnlyList<string> TemplateNames { get; } =
        [.. Directory.GetFiles(TemplateDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    /// <summary>Sample file names (without extension), e.g. "results" and "results.noProfile".</summary>
    public static IReadOnlyList<string> SampleNames { get; } =
        [.. Directory.GetFiles(SampleDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    public static string TemplateOf(string sample) => sample.Split('.')[0];

    public static string TemplateText(string template) => File.ReadAllText(Path.Combine(TemplateDirectory, template + ".json"));

    public static JsonNode Template(string template) => JsonNode.Parse(TemplateText(template))!;

    public static JsonNode Sample(string sample) => JsonNode.Parse(File.ReadAllText(Path.Combine(SampleDirectory, sample + ".json")))!;

    public static TheoryData<string> Samples() => [.. SampleNames];

    public static TheoryData<string> Templates() => [.. TemplateNames];
}
