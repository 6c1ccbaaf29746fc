using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Privacy;
using PeerBot.Profiles;

namespace PeerBot.Intros;

/// <summary>
/// A member's introductions, for export and erasure. Erasure first withdraws what is still open (the other side
/// hears only that the member is not available), then removes the pair rows, both index rows and ledger entries.
/// </summary>
public sealed class IntroData(IntroStore store, IntroLedgers ledgers, IntroService intros, ProfileStore profiles) : IMemberData
{
    public string Section => "introductions";

    public async Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        await foreach (var intro in store.ForMemberAsync(memberId, cancellationToken))
        {
            var other = (await profiles.GetAsync(intro.OtherThan(memberId), cancellationToken))?.Peer;
            list.Add(new JsonObject
            {
                ["role"] = intro.RequesterId == memberId ? "requester" : "peer",
                ["with"] = other is null ? null : new JsonObject
                {
                    ["name"] = other.Name,
                    ["title"] = other.Title,
                    ["organization"] = other.Organization,
                    // Contact details were only ever shared once both had accepted.
                    ["email"] = intro.State == IntroState.Connected ? other.Email : null,
                },
                ["state"] = intro.State.ToString(),
                ["note"] = intro.Note,
                ["history"] = new JsonArray([.. intro.History.Select(h => (JsonNode?)new JsonObject
                {
                    ["state"] = h.State.ToString(),
                    ["at"] = h.At.ToString("O", CultureInfo.InvariantCulture),
                })]),
            });
        }
        return list;
    }

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        var mine = new List<Introduction>();
        await foreach (var intro in store.ForMemberAsync(memberId, cancellationToken))
        {
            mine.Add(intro);
        }
        foreach (var intro in mine.Where(i => i.State == IntroState.Requested))
        {
            var to = intro.RequesterId == memberId ? IntroState.Cancelled : IntroState.Declined;
            await intros.MoveAsync(intro.PairKey, intro.Round, to, memberId, cancellationToken);
        }
        foreach (var intro in mine)
        {
            var other = intro.OtherThan(memberId);
            await ledgers.TryChangeAsync(other, l => l.PendingIncoming.Contains(intro.PairKey)
                ? l with { PendingIncoming = [.. l.PendingIncoming.Where(k => k != intro.PairKey)] }
                : null, cancellationToken);
            await store.DeletePairAsync(intro, cancellationToken);
        }
        await store.DeleteIndexAsync(memberId, cancellationToken);
        await ledgers.DeleteAsync(memberId, cancellationToken);
    }
}
