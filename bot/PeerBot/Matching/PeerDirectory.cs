using System.Collections.Concurrent;
using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>
/// The in-memory directory every /findpeer reads. Loaded from Table Storage at start-up and kept
/// current as profiles change; a query never touches storage.
/// </summary>
public sealed class PeerDirectory
{
    private readonly ConcurrentDictionary<string, Peer> _peers = new(StringComparer.Ordinal);

    public int Count => _peers.Count;

    public void Upsert(Peer peer) => _peers[peer.Id] = peer;

    public void Remove(string id) => _peers.TryRemove(id, out _);

    public SearchOutcome Search(SearchRequest request)
    {
        var role = SimpleRoles.Parse(request.Query);
        if (role is null)
        {
            return new SearchOutcome(false, "", [], SimpleRoles.Suggestions);
        }
        var askerTopics = new HashSet<string>(request.Asker?.Topics ?? [], StringComparer.OrdinalIgnoreCase);
        var matches = _peers.Values
            .Where(p => p.Discoverable && p.Id != request.AskerId)
            .Where(p => request.AskerOrganizationKey is null || p.OrganizationKey != request.AskerOrganizationKey)
            .Where(p => request.AskerEmailDomain is null || p.EmailDomain != request.AskerEmailDomain)
            .Select(p => (Peer: p, Role: SimpleRoles.Parse(p.Title)))
            .Where(x => x.Role is not null && x.Role.Function == role.Function && Math.Abs(x.Role.Level - role.Level) <= 1)
            .Select(x =>
            {
                var shared = x.Peer.Topics.Where(askerTopics.Contains).ToList();
                var sameLevel = x.Role!.Level == role.Level;
                var score = (sameLevel ? 2.0 : 1.0) + (0.1 * shared.Count);
                var reason = sameLevel ? "Same role" : "Same function, one level apart";
                if (shared.Count > 0)
                {
                    reason += " · shared topic: " + string.Join(", ", shared);
                }
                return new PeerMatch(x.Peer, score, reason, shared);
            })
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Peer.Id, StringComparer.Ordinal)
            .Take(request.Top)
            .ToList();
        return new SearchOutcome(true, role.ToString(), matches, SimpleRoles.Suggestions);
    }
}
