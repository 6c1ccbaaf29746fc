using Microsoft.Extensions.Caching.Memory;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>
/// Cards this instance sent recently that a later button may redraw (search results: a requested peer's
/// "Request intro" becomes "Intro requested"), by conversation and activity id. Memory only, bounded and short-lived:
/// a click on an older card, or one that reaches another instance, simply leaves that card as it is.
/// </summary>
public sealed class SentCards : IDisposable
{
    /// <summary>Templates whose buttons redraw them.</summary>
    public static readonly IReadOnlySet<string> Redrawn = new HashSet<string>(StringComparer.Ordinal) { "results" };

    public static readonly TimeSpan Kept = TimeSpan.FromHours(6);

    private readonly MemoryCache _cards = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public void Remember(string? conversationId, string? activityId, CardReply card)
    {
        if (conversationId is { Length: > 0 } && activityId is { Length: > 0 } && Redrawn.Contains(card.Template))
        {
            _cards.Set((conversationId, activityId), card with { Data = (System.Text.Json.Nodes.JsonObject)card.Data.DeepClone() },
                new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Kept });
        }
    }

    /// <summary>A copy of the card, so that whoever redraws it cannot change what is remembered.</summary>
    public CardReply? Find(string? conversationId, string activityId) =>
        conversationId is { Length: > 0 } && _cards.TryGetValue((conversationId, activityId), out CardReply? card)
            ? card! with { Data = (System.Text.Json.Nodes.JsonObject)card.Data.DeepClone() }
            : null;

    public void Dispose() => _cards.Dispose();
}
