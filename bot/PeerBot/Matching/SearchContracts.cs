using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>A /findpeer request: the typed text, and who asks (null when the asker is anonymous).</summary>
/// <param name="Query">Free text after the command, e.g. "VP marketing size 200-500 industry fintech".</param>
/// <param name="AskerId">Member id of the asker, excluded from results.</param>
/// <param name="AskerOrganizationKey">The asker's organization key; everyone there is excluded.</param>
/// <param name="AskerEmailDomain">The asker's email domain; everyone with it is excluded too.</param>
/// <param name="Asker">The asker's profile, when they have one (size and topics sharpen the ranking).</param>
/// <param name="ExcludedPeerIds">Peers this search must not offer, on top of the registered <see cref="IPeerExclusions"/>.</param>
/// <param name="Excludes">A further test for peers this search must not offer (called with a peer id).</param>
public sealed record SearchRequest(
    string Query,
    string? AskerId,
    string? AskerOrganizationKey,
    string? AskerEmailDomain,
    Peer? Asker,
    int Top = 5,
    IReadOnlySet<string>? ExcludedPeerIds = null,
    Func<string, bool>? Excludes = null);

/// <summary>One peer in the results, with why it ranked where it did.</summary>
/// <param name="Reason">A short line for the results card, e.g. "Same role · similar size (201–500) · shared topic: pricing".</param>
public sealed record PeerMatch(Peer Peer, double Score, string Reason, IReadOnlyList<string> SharedTopics);

/// <summary>The answer to a search.</summary>
/// <param name="Understood">False when no role could be read from the query.</param>
/// <param name="Interpretation">How the query was read, e.g. "VP · Marketing".</param>
/// <param name="Suggestions">
/// Queries to offer: examples when the role was not understood or nothing matched; otherwise the other meanings of a
/// word read one way, or areas to narrow a search that named none.
/// </param>
/// <param name="Message">
/// Something to tell the asker: "I couldn't tell which role you mean…" when not understood, or how an
/// ambiguous abbreviation or a misspelling was read. Null when there is nothing to say.
/// </param>
public sealed record SearchOutcome(bool Understood, string Interpretation, IReadOnlyList<PeerMatch> Matches, IReadOnlyList<string> Suggestions, string? Message = null)
{
    /// <summary>True when no role could be read and the titles were searched for the query's words instead.</summary>
    public bool ByTitleWords { get; init; }

    /// <summary>
    /// For a search by title words, the query's role words, normalised (folded, in order, only words that some title
    /// or the role model knows): what the fallback counts, so the taxonomy grows where users need it. Null otherwise.
    /// </summary>
    public string? UnreadWords { get; init; }
}
