using NetArchTest.Rules;

namespace PeerBot.Tests.Architecture;

/// <summary>
/// The shape docs/architecture.md promises: the Bot Framework SDK only in Teams/, the two edges blind to each other, and
/// no cycle among the feature namespaces. Each rule is also shown to catch what it forbids, so none of them can pass by
/// seeing nothing.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Types App = Types.InAssembly(FeatureGraph.App);

    [Fact]
    public void Only_Teams_uses_the_Bot_Framework_SDK()
    {
        var outside = App.That().DoNotResideInNamespace("PeerBot.Teams").Should().NotHaveDependencyOn("Microsoft.Bot").GetResult();

        Assert.True(outside.IsSuccessful, "Bot Framework types used outside Teams/: " + string.Join(", ", outside.FailingTypeNames ?? []));
        // The rule sees the SDK where it is.
        Assert.False(App.That().ResideInNamespace("PeerBot.Teams").Should().NotHaveDependencyOn("Microsoft.Bot").GetResult().IsSuccessful);
    }

    [Fact]
    public void Teams_and_Slack_never_reference_each_other()
    {
        var graph = FeatureGraph.Current;

        Assert.False(graph.DependsOn("Teams", "Slack"), graph.Explain("Teams", "Slack"));
        Assert.False(graph.DependsOn("Slack", "Teams"), graph.Explain("Slack", "Teams"));
        // Both edges reach the same core, which the graph sees.
        Assert.True(graph.DependsOn("Teams", "Conversations"));
        Assert.True(graph.DependsOn("Slack", "Conversations"));
    }

    [Fact]
    public void No_feature_depends_on_itself_through_others()
    {
        var graph = FeatureGraph.Current;

        var cycles = DependencyCycles.Find(graph.Edges);

        var explained = cycles.Select(cycle => string.Join(" | ", cycle.SelectMany(from => cycle.Where(to => graph.DependsOn(from, to)).Select(to => graph.Explain(from, to)))));
        Assert.True(cycles.Count == 0, "Cycles among feature namespaces:\n" + string.Join("\n", explained));
    }

    [Fact]
    public void The_graph_follows_references_inside_method_bodies_and_lambdas()
    {
        var graph = FeatureGraph.Current;

        Assert.Contains("Conversations", graph.Edges.Keys);
        // Matching reads profiles inside async methods (a compiler-made state machine) and lambdas.
        Assert.True(graph.DependsOn("Matching", "Profiles"), graph.Explain("Matching", "Profiles"));
        // Profiles implements the router's hook; the router never names Profiles.
        Assert.True(graph.DependsOn("Profiles", "Conversations"));
        Assert.False(graph.DependsOn("Conversations", "Profiles"), graph.Explain("Conversations", "Profiles"));
    }
}
