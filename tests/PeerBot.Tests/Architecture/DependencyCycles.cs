namespace PeerBot.Tests.Architecture;

/// <summary>Finds every cycle in a directed graph: its strongly connected components (Tarjan) with more than one node, or a node that depends on itself.</summary>
public static class DependencyCycles
{
    public static List<List<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(targets => targets)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowest = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = lowest[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in Targets(node).Order(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(target, out var seen))
                {
                    Visit(target);
                    lowest[node] = Math.Min(lowest[node], lowest[target]);
                }
                else if (onStack.Contains(target))
                {
                    lowest[node] = Math.Min(lowest[node], seen);
                }
            }
            if (lowest[node] != index[node])
            {
                return;
            }
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            if (component.Count > 1 || Targets(node).Contains(node))
            {
                cycles.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }

        IReadOnlySet<string> Targets(string node) => graph.TryGetValue(node, out var targets) ? targets : new HashSet<string>();

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
        return cycles;
    }
}
