using Microsoft.Extensions.Caching.Memory;
using PeerBot.Conversations;

namespace PeerBot.Teams;

/// <summary>
/// Cards this instance sent recently that a later button may redraw (search results: a requested peer's
/// "Request intro" becomes "Intro requested"), by conversation and activity id. Memory only, bounded and short-lived:
/// a click on an older card, or one that reaches another instance, simply leaves that card as it is.
/// Each card's data is kept as its UTF-8 JSON: one array per card rather than a tree of nodes, which a search per
/// turn would otherwise promote into the oldest GC generation by the thousand, for the background GC to walk.
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
            _cards.Set((conversationId, activityId), new KeptCard(card.Template, Utf8(card.Data), card.Summary),
                new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Kept });
        }
    }

    /// <summary>A copy of the card, so that whoever redraws it cannot change what is remembered.</summary>
    public CardReply? Find(string? conversationId, string activityId) =>
        conversationId is { Length: > 0 } && _cards.TryGetValue((conversationId, activityId), out KeptCard? card)
            ? new CardReply(card!.Template, System.Text.Json.Nodes.JsonNode.Parse(card.Data)!.AsObject(), card.Summary)
            : null;

    public void Dispose() => _cards.Dispose();

    private static byte[] Utf8(System.Text.Json.Nodes.JsonObject data)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            data.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private sealed record KeptCard(string Template, byte[] Data, string Summary);
}

