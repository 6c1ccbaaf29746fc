using System.Collections.Concurrent;
using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Nudges;

/// <summary>
/// Peers to suggest in nudges. Many members share a role and nudges go out in waves, so the directory is
/// searched once per role every few minutes and each member's exclusions are applied to that shortlist.
/// </summary>
public sealed class NudgePeers(PeerDirectory directory, TimeProvider clock)
{
    private const int Shortlist = 200;
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<PeerMatch> Matches)> _byRole = new(StringComparer.Ordinal);
    private readonly Lock _searching = new();

    /// <summary>
    /// The best peers in the member's role at other organizations: not offered before, not already introduced,
    /// and (after the first nudge) new or updated since <paramref name="since"/>.
    /// </summary>
    public IReadOnlyList<PeerMatch> NewFor(Peer member, IReadOnlySet<string> exclude, DateTimeOffset? since, int top) =>
        [.. SameRole(member)
            .Where(m => !exclude.Contains(m.Peer.Id) && (since is null || m.Peer.UpdatedAt > since))
            .Select(m => m with { Score = m.Score + (0.1 * m.Peer.Topics.Count(t => member.Topics.Contains(t, StringComparer.OrdinalIgnoreCase))) })
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Peer.Id, StringComparer.Ordinal)
            .Take(top)];

    /// <summary>Everyone at other organizations whose role reads the same as the member's.</summary>
    public IReadOnlyList<PeerMatch> HoldingRole(Peer member)
    {
        var role = NudgeRoles.KeyOf(member);
        if (role.Length == 0)
        {
            return [];
        }
        var all = directory.Search(new SearchRequest(member.Title, AskerId: member.Id, AskerOrganizationKey: member.OrganizationKey, AskerEmailDomain: member.EmailDomain, Asker: member, Top: int.MaxValue));
        return [.. all.Matches.Where(m => NudgeRoles.KeyOf(m.Peer) == role)];
    }

    private IEnumerable<PeerMatch> SameRole(Peer member)
    {
        var role = NudgeRoles.KeyOf(member);
        if (role.Length == 0)
        {
            return [];
        }
        var now = clock.GetUtcNow();
        if (!_byRole.TryGetValue(role, out var cached) || now - cached.At > Fresh)
        {
            // One search per role, not one per waiting nudge: the others wait for it and share the result.
            lock (_searching)
            {
                if (!_byRole.TryGetValue(role, out cached) || now - cached.At > Fresh)
                {
                    var outcome = directory.Search(new SearchRequest(member.Title, AskerId: null, AskerOrganizationKey: null, AskerEmailDomain: null, Asker: null, Top: Shortlist));
                    cached = (now, outcome.Matches);
                    _byRole[role] = cached;
                }
            }
        }
        return cached.Matches.Where(m => m.Peer.Id != member.Id
            && m.Peer.OrganizationKey != member.OrganizationKey
            && (member.EmailDomain is null || m.Peer.EmailDomain != member.EmailDomain));
    }
}
