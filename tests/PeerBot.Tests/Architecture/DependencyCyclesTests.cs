namespace PeerBot.Tests.Architecture;

/// <summary>The cycle finder behind the architecture test, on graphs made up for the purpose.</summary>
public sealed class DependencyCyclesTests
{
    [Fact]
    public void A_graph_without_cycles_has_none()
    {
        var graph = Graph(("Teams", "Conversations"), ("Slack", "Conversations"), ("Profiles", "Conversations"), ("Teams", "Profiles"), ("Conversations", "Storage"));

        Assert.Empty(DependencyCycles.Find(graph));
    }

    [Fact]
    public void Two_features_that_use_each_other_are_a_cycle()
    {
        var graph = Graph(("Conversations", "Profiles"), ("Profiles", "Conversations"), ("Profiles", "Storage"));

        Assert.Equal([["Conversations", "Profiles"]], DependencyCycles.Find(graph));
    }

    [Fact]
    public void A_longer_way_round_is_found_whole_and_apart_from_a_second_cycle()
    {
        var graph = Graph(("Privacy", "Conversations"), ("Conversations", "Profiles"), ("Profiles", "Privacy"), ("Teams", "Privacy"),
            ("Nudges", "Teams"), ("Teams", "Nudges"));

        var cycles = DependencyCycles.Find(graph);

        Assert.Equal(2, cycles.Count);
        Assert.Contains(["Conversations", "Privacy", "Profiles"], cycles);
        Assert.Contains(["Nudges", "Teams"], cycles);
    }

    [Fact]
    public void A_feature_that_names_itself_is_a_cycle_only_when_the_edge_is_there()
    {
        Assert.Equal([["Cards"]], DependencyCycles.Find(Graph(("Cards", "Cards"))));
        Assert.Empty(DependencyCycles.Find(Graph(("Cards", "Storage"))));
    }

    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges) =>
        edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(e => e.To).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
