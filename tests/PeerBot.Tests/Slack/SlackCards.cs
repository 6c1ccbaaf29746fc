using System.Text.Json.Nodes;
using PeerBot.Cards;
using PeerBot.Slack;
using PeerBot.Tests.Cards;

namespace PeerBot.Tests.Slack;

/// <summary>
/// The Block Kit templates (cards/slack/NAME.json) and their samples: the shared view data samples
/// (cards/samples/NAME*.json) plus samples of Slack-only cards (cards/samples/slack/NAME*.json).
/// </summary>
internal static class SlackCards
{
    public static string CardsRoot { get; } = Path.Combine(NodeOracle.RepositoryRoot, "cards");

    public static IReadOnlyList<string> TemplateNames { get; } = Names(Path.Combine(CardsRoot, "slack"));

    /// <summary>Every (template, sample name, sample data) to render.</summary>
    public static IReadOnlyList<(string Template, string Sample, JsonObject Data)> Samples { get; } =
    [
        .. new[] { Path.Combine(CardsRoot, "samples"), Path.Combine(CardsRoot, "samples", "slack") }
            .SelectMany(directory => Directory.GetFiles(directory, "*.json"))
            .Select(path => (Sample: Path.GetFileNameWithoutExtension(path), Path: path))
            .Where(s => TemplateNames.Contains(s.Sample.Split('.')[0]))
            .OrderBy(s => s.Sample, StringComparer.Ordinal)
            .Select(s => (s.Sample.Split('.')[0], s.Sample, JsonNode.Parse(File.ReadAllText(s.Path))!.AsObject())),
    ];

    public static JsonNode Template(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(CardsRoot, "slack", name + ".json")))!;

    /// <summary>A sample as PeerBot sends it: rendered, then cleaned and fitted to Slack's limits.</summary>
    public static JsonNode Prepared(string template, JsonObject data, List<string>? notes = null) =>
        BlockKit.Prepare(new CardLibrary(CardsRoot).Render("slack", template, (JsonObject)data.DeepClone()), notes ?? []);

    private static List<string> Names(string directory) =>
        [.. Directory.GetFiles(directory, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal)];
}
