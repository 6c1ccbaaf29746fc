using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>"findpeer &lt;role&gt;": peers with that role at other organizations, best first.</summary>
public sealed class FindPeerCommand(PeerDirectory directory, MemberProfiles profiles, ProfileStore store, IEnumerable<IAskerHistory> histories, UnreadQueries unread) : IChatCommand
{
    public const int MaxQueryLength = 200;

    public IReadOnlyList<string> Names { get; } = ["findpeer", "findpeers", "find"];

    public string Usage => "findpeer <role>";

    public string Description => "Find leaders with that role at other organizations, e.g. findpeer VP marketing.";

    public async Task RunAsync(CommandContext context, string arguments, CancellationToken cancellationToken)
    {
        var query = ProfileForm.Clean(arguments);
        if (query.Length == 0)
        {
            await context.SendAsync(NoResults("", "Tell me which role to look for, for example **findpeer VP marketing**.", SearchHints.Examples), cancellationToken);
            return;
        }
        if (query.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }

        var from = context.Turn.From;
        var asker = await profiles.FindAsync(from.PeerId, cancellationToken);
        var organizationKey = asker?.OrganizationKey ?? AnonymousOrganizationKey(from, store.Policy);
        var skip = new HashSet<string>(StringComparer.Ordinal);
        foreach (var history in histories)
        {
            skip.UnionWith(await history.PeersToSkipAsync(from.PeerId, cancellationToken));
        }
        var request = new SearchRequest(query, from.PeerId, organizationKey, asker?.EmailDomain ?? AnonymousDomain(organizationKey, from), asker, ExcludedPeerIds: skip);
        var outcome = directory.Search(request);
        if (outcome.UnreadWords is { } words)
        {
            unread.Count(words);
        }

        if (!outcome.Understood)
        {
            await context.SendAsync(NoResults(query, outcome.Message ?? $"I couldn't tell which role you mean by “{query}”. Try a title such as one of these:", outcome.Suggestions), cancellationToken);
        }
        else if (outcome.Matches.Count == 0)
        {
            await context.SendAsync(NoResults(query, $"No one outside your organization matches {outcome.Interpretation} yet. As the network grows I'll have more; meanwhile you could try a nearby role:", outcome.Suggestions), cancellationToken);
        }
        else
        {
            await context.SendAsync(Results(query, outcome, asker is not null), cancellationToken);
        }
    }

    /// <summary>An asker without a profile, by what the channel says about them, under the deployment's rule.</summary>
    private static string? AnonymousOrganizationKey(Member member, OrganizationPolicy policy)
    {
        var key = policy.KeyFor(new OrganizationFacts(member.Channel == "msteams" ? member.TenantId : null, member.Email, member.Upn, member.IsGuest, ""));
        return key == "name:" ? null : key;
    }

    /// <summary>The employer domain that goes with the key, as <see cref="Peer.EmailDomain"/> has it for members with a profile.</summary>
    private static string? AnonymousDomain(string? key, Member member) => key switch
    {
        not null when key.StartsWith("domain:", StringComparison.Ordinal) => key["domain:".Length..],
        not null when key.StartsWith("tenant:", StringComparison.Ordinal) => OrganizationKeys.EmailDomain(member.Email),
        _ => null,
    };

    private static CardReply Results(string query, SearchOutcome outcome, bool askerHasProfile)
    {
        var summary = $"{outcome.Matches.Count} peers for {query}: " + string.Join(", ", outcome.Matches.Select(m => $"{m.Peer.Name} ({m.Peer.Title}, {m.Peer.Organization})"));
        return new CardReply("results", new JsonObject
        {
            ["query"] = query,
            ["interpretation"] = outcome.Interpretation,
            ["message"] = outcome.Message ?? "",
            ["askerHasProfile"] = askerHasProfile,
            ["count"] = outcome.Matches.Count,
            ["peers"] = PeerMatchView.List(outcome.Matches),
            ["suggestions"] = new JsonArray([.. outcome.Suggestions.Select(s => (JsonNode?)s)]),
        }, summary);
    }

    private static CardReply NoResults(string query, string message, IReadOnlyList<string> suggestions) => new("noResults", new JsonObject
    {
        ["query"] = query,
        ["message"] = message,
        ["suggestions"] = new JsonArray(suggestions.Select(s => (JsonNode?)s).ToArray()),
    }, message);
}

internal static class SearchHints
{
    public static readonly IReadOnlyList<string> Examples = ["VP marketing", "Director of engineering", "CFO", "Head of customer success"];
}
