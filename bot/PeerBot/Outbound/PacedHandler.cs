namespace PeerBot.Outbound;

/// <summary>
/// Holds each try of a request until every budget it counts against has room (<see cref="OutboundLimits"/>), and keeps
/// its places until a window after the answer. It sits inside the retry strategy, so a retry waits for its place like
/// any other request.
/// </summary>
public sealed class PacedHandler(OutboundLimits limits, Func<HttpRequestMessage, CancellationToken, ValueTask<IReadOnlyList<PaceBudget>>> budgets) : DelegatingHandler
{
    /// <summary>Budgets a caller names for its request (for example the Slack channel a message goes to).</summary>
    public static readonly HttpRequestOptionsKey<IReadOnlyList<PaceBudget>> Budgets = new("PeerBot.Outbound.Budgets");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var named = request.Options.TryGetValue(Budgets, out var given) ? given : [];
        var found = await budgets(request, cancellationToken);
        using var places = await limits.WaitForRoomAsync(found.Count == 0 ? named : named.Count == 0 ? found : [.. found, .. named], cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
