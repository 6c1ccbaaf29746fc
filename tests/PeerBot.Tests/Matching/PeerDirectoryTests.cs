using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching;

public class PeerDirectoryTests
{
    internal static Peer Member(string id, string title, string organization, int headcount = 300, string? email = null, string industry = "Software", params string[] topics)
    {
        email ??= $"{id}@{OrganizationKeys.NormaliseName(organization)}.example";
        return new Peer
        {
            Id = id,
            Name = "Name " + id,
            Title = title,
            Organization = organization,
            OrganizationKey = OrganizationKeys.For(null, email, organization),
            Headcount = headcount,
            Industry = industry,
            Topics = topics,
            Email = email,
        };
    }

    private static PeerDirectory With(params Peer[] peers)
    {
        var directory = new PeerDirectory();
        foreach (var p in peers)
        {
            directory.Upsert(p);
        }
        return directory;
    }

    private static List<string> Ids(SearchOutcome outcome) => [.. outcome.Matches.Select(m => m.Peer.Id)];

    private static SearchRequest As(Peer asker, string query, int top = 5) => new(query, asker.Id, asker.OrganizationKey, asker.EmailDomain, asker, top);

    [Fact]
    public void Every_way_of_writing_the_role_is_found_and_other_functions_are_not()
    {
        using var directory = With(
            Member("a", "Vice President, Marketing", "Alpha"),
            Member("b", "VP Growth Marketing", "Beta"),
            Member("c", "Marketing VP", "Gamma"),
            Member("d", "V.P. of Mktg", "Delta"),
            Member("e", "VP Engineering", "Epsilon"));
        var outcome = directory.Search(new SearchRequest("VP marketing", null, null, null, null, Top: 10));
        Assert.True(outcome.Understood);
        Assert.Equal("VP · Marketing", outcome.Interpretation);
        Assert.Equal(["a", "b", "c", "d"], Ids(outcome).Order());
        Assert.All(outcome.Matches, m => Assert.Equal("Same role", m.Reason));
    }

    [Fact]
    public void A_manager_never_outranks_a_chief_or_an_svp_of_the_function()
    {
        using var directory = With(
            Member("manager", "Marketing Manager", "Alpha", 300, null, "Software", "pricing", "brand"),
            Member("cmo", "CMO", "Beta", 9000, null, "Retail"),
            Member("svp", "SVP of Marketing", "Gamma", 9000, null, "Retail"));
        var asker = Member("me", "VP Marketing", "Home", 300, null, "Software", "pricing", "brand");
        directory.Upsert(asker);
        var ids = Ids(directory.Search(As(asker, "VP marketing", 10)));
        Assert.Equal("svp", ids[0]);
        Assert.Equal("cmo", ids[1]);
        Assert.DoesNotContain("manager", ids);
    }

    [Fact]
    public void Closer_roles_rank_first_same_level_then_one_level_then_related_function()
    {
        using var directory = With(
            Member("related", "VP Sales", "A"),
            Member("two-apart", "Senior Marketing Manager", "B"),
            Member("one-down", "Director of Marketing", "C"),
            Member("same", "VP, Marketing", "D"),
            Member("unrelated", "VP Engineering", "E"));
        var outcome = directory.Search(new SearchRequest("VP marketing", null, null, null, null, Top: 10));
        Assert.Equal(["same", "one-down", "two-apart", "related"], Ids(outcome));
        Assert.Equal(
            ["Same role", "Same function, one level down (Director)", "Same function, two levels apart (Senior manager)", "Related function (Sales), same level"],
            outcome.Matches.Select(m => m.Reason));
    }

    [Fact]
    public void Size_topics_and_industry_order_peers_within_a_role_and_are_given_as_the_reason()
    {
        var asker = Member("me", "VP Marketing", "Home", 300, null, "Fintech", "pricing", "churn");
        using var directory = With(
            asker,
            Member("far", "VP Marketing", "A", 20_000, null, "Retail"),
            Member("near", "VP Marketing", "B", 250, null, "Retail"),
            Member("near-topic", "VP Marketing", "C", 450, null, "Fintech", "Pricing"));
        var outcome = directory.Search(As(asker, "VP marketing"));
        Assert.Equal(["near-topic", "near", "far"], Ids(outcome));
        Assert.Equal("Same role · similar size (201–500) · shared topic: Pricing · same industry (Fintech)", outcome.Matches[0].Reason);
        Assert.Equal(["Pricing"], outcome.Matches[0].SharedTopics);
        Assert.Equal("Same role · similar size (201–500)", outcome.Matches[1].Reason);
        Assert.Equal("Same role", outcome.Matches[2].Reason);
    }

    [Fact]
    public void A_matching_specialty_ranks_first_within_the_role()
    {
        using var directory = With(Member("plain", "VP Marketing", "A"), Member("growth", "VP, Growth", "B"));
        var outcome = directory.Search(new SearchRequest("VP growth marketing", null, null, null, null));
        Assert.Equal(["growth", "plain"], Ids(outcome));
        Assert.Equal("Same role · same focus: growth", outcome.Matches[0].Reason);
    }

    [Fact]
    public void The_asker_and_their_organization_are_excluded_by_key_by_email_domain_and_by_name()
    {
        var asker = Member("me", "VP Marketing", "Contoso", email: "me@contoso.com");
        using var directory = With(
            asker,
            Member("same-domain", "VP Marketing", "Contoso Europe", email: "x@contoso.com"),
            Member("same-name-gmail", "VP Marketing", "Contoso, Inc.", email: "someone@gmail.com"),
            Member("other", "VP Marketing", "Fabrikam", email: "y@fabrikam.com"));
        Assert.Equal(["other"], Ids(directory.Search(As(asker, "VP marketing"))));
    }

    [Fact]
    public void Without_an_asker_nobody_is_excluded()
    {
        var asker = Member("me", "VP Marketing", "Contoso", email: "me@contoso.com");
        using var directory = With(asker, Member("colleague", "VP Marketing", "Contoso", email: "c@contoso.com"));
        Assert.Equal(["colleague", "me"], Ids(directory.Search(new SearchRequest("VP marketing", null, null, null, null))).Order());
    }

    [Fact]
    public void Hidden_profiles_are_never_offered()
    {
        using var directory = With(Member("hidden", "VP Marketing", "A") with { Discoverable = false }, Member("shown", "VP Marketing", "B"));
        Assert.Equal(["shown"], Ids(directory.Search(new SearchRequest("VP marketing", null, null, null, null))));
    }

    [Fact]
    public void Registered_exclusions_and_request_exclusions_remove_peers()
    {
        var directory = new PeerDirectory(new RoleReader(Taxonomy.Default), [new NoExclusions(), new Blocked("me", "blocked")]);
        foreach (var id in new[] { "blocked", "paused", "pending", "fine" })
        {
            directory.Upsert(Member(id, "VP Marketing", "Org " + id));
        }
        var asker = Member("me", "VP Marketing", "Home");
        var outcome = directory.Search(As(asker, "VP marketing") with
        {
            ExcludedPeerIds = new HashSet<string> { "paused" },
            Excludes = id => id == "pending",
        });
        Assert.Equal(["fine"], Ids(outcome));
        // The registered exclusion is per asker: someone else still sees the blocked peer.
        var other = Member("other", "VP Marketing", "Elsewhere");
        Assert.Contains("blocked", Ids(directory.Search(As(other, "VP marketing"))));
        directory.Dispose();
    }

    [Fact]
    public void Exclusions_do_not_shrink_the_results_below_what_is_available()
    {
        var directory = new PeerDirectory(new RoleReader(Taxonomy.Default), [new Blocked(null, "p0"), new Blocked(null, "p1")]);
        for (var i = 0; i < 8; i++)
        {
            directory.Upsert(Member("p" + i, "VP Marketing", "Org" + i));
        }
        var ids = Ids(directory.Search(new SearchRequest("VP marketing", null, null, null, null, Top: 5)));
        Assert.Equal(5, ids.Count);
        Assert.DoesNotContain("p0", ids);
        Assert.DoesNotContain("p1", ids);
        directory.Dispose();
    }

    [Fact]
    public void Size_and_industry_filters_restrict_the_results()
    {
        using var directory = With(
            Member("small", "VP Marketing", "A", 150, null, "Fintech"),
            Member("mid", "VP Marketing", "B", 300, null, "FinTech"),
            Member("mid-retail", "VP Marketing", "C", 400, null, "Retail"),
            Member("big", "VP Marketing", "D", 800, null, "Fintech"));
        var outcome = directory.Search(new SearchRequest("VP marketing size 200-500 industry fintech", null, null, null, null));
        Assert.Equal(["mid"], Ids(outcome));
        Assert.Equal("VP · Marketing · size 201–500 · industry fintech", outcome.Interpretation);
    }

    [Fact]
    public void Ties_break_the_same_way_whatever_the_insertion_order()
    {
        var peers = Enumerable.Range(0, 30).Select(i => Member($"p{i:00}", "VP Marketing", $"Org{i}")).ToArray();
        using var forward = With(peers);
        using var backward = With([.. peers.Reverse()]);
        var request = new SearchRequest("VP marketing", null, null, null, null, Top: 7);
        Assert.Equal(Ids(forward.Search(request)), Ids(backward.Search(request)));
    }

    [Fact]
    public void Results_are_the_best_n_of_a_full_ranking()
    {
        var rng = new Random(7);
        string[] titles = ["VP Marketing", "Director of Marketing", "SVP Marketing", "CMO", "Marketing Manager", "VP Sales", "VP Growth", "Head of Brand"];
        string[] topics = ["pricing", "brand", "churn", "hiring", "ai"];
        var peers = Enumerable.Range(0, 400).Select(i => Member($"m{i}", titles[rng.Next(titles.Length)], $"Org{rng.Next(150)}", rng.Next(1, 20_000), null,
            rng.Next(2) == 0 ? "Fintech" : "Retail", [.. topics.Where(_ => rng.Next(3) == 0)])).ToArray();
        using var directory = With(peers);
        var asker = peers[0];
        var all = directory.Search(As(asker, "VP growth marketing", 100));
        var top5 = directory.Search(As(asker, "VP growth marketing", 5));
        Assert.Equal(Ids(all).Take(5), Ids(top5));
        Assert.True(all.Matches.Zip(all.Matches.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.DoesNotContain(all.Matches, m => m.Peer.OrganizationKey == asker.OrganizationKey);
    }

    [Fact]
    public void An_update_moves_the_profile_and_a_removal_drops_it()
    {
        using var directory = With(Member("x", "VP Marketing", "A"));
        directory.Upsert(Member("x", "VP Engineering", "A"));
        Assert.Equal(1, directory.Count);
        Assert.Empty(directory.Search(new SearchRequest("VP marketing", null, null, null, null)).Matches);
        Assert.Equal(["x"], Ids(directory.Search(new SearchRequest("VP engineering", null, null, null, null))));
        directory.Remove("x");
        Assert.Equal(0, directory.Count);
        Assert.Null(directory.Find("x"));
        Assert.Empty(directory.Search(new SearchRequest("VP engineering", null, null, null, null)).Matches);
    }

    [Fact]
    public void A_profile_comes_back_as_it_was_stored()
    {
        var peer = Member("x", "VP Marketing", "A", 321, "x@a.example", "Fintech", "pricing", "brand") with
        {
            TimeZone = "Europe/Paris",
            Channel = "slack",
            IsDemo = true,
            UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        using var directory = With(peer);
        var found = directory.Find("x")!;
        Assert.Equal(peer with { Topics = found.Topics }, found);
        Assert.Equal(peer.Topics, found.Topics);
    }

    [Fact]
    public void Text_without_a_role_gets_a_clear_answer_and_suggestions()
    {
        using var directory = With(Member("a", "VP Marketing", "A"));
        var outcome = directory.Search(new SearchRequest("rockstar ninja", null, null, null, null));
        Assert.False(outcome.Understood);
        Assert.Empty(outcome.Matches);
        Assert.StartsWith("I couldn't tell which role you mean.", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("VP marketing", outcome.Suggestions);
    }

    [Fact]
    public void A_level_without_a_function_asks_for_the_function()
    {
        using var directory = With(Member("a", "VP Marketing", "A"));
        var outcome = directory.Search(new SearchRequest("VP", null, null, null, null));
        Assert.False(outcome.Understood);
        Assert.StartsWith("I couldn't tell which function you mean.", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["VP marketing", "VP sales", "VP engineering", "VP finance"], outcome.Suggestions);
    }

    [Fact]
    public void An_ambiguous_abbreviation_searches_both_readings_and_says_so()
    {
        using var directory = With(Member("product", "Chief Product Officer", "A"), Member("people", "Chief People Officer", "B"), Member("cfo", "CFO", "C"));
        var outcome = directory.Search(new SearchRequest("CPO", null, null, null, null));
        Assert.Equal(["people", "product"], Ids(outcome).Order());
        Assert.Contains("Chief Product Officer or Chief People Officer", outcome.Message, StringComparison.Ordinal);
        Assert.Contains(outcome.Matches, m => m.Reason == "Same role (Chief People Officer)");
    }

    [Fact]
    public void A_function_alone_means_the_askers_own_level()
    {
        var asker = Member("me", "Director of Sales", "Home");
        using var directory = With(asker, Member("vp", "VP Marketing", "A"), Member("dir", "Marketing Director", "B"), Member("spec", "Marketing Specialist", "C"));
        Assert.Equal("dir", Ids(directory.Search(As(asker, "marketing")))[0]);
        // Without an asker every level of the function qualifies, senior first.
        Assert.Equal(["vp", "dir", "spec"], Ids(directory.Search(new SearchRequest("marketing", null, null, null, null))));
    }

    [Fact]
    public void Nothing_found_offers_suggestions()
    {
        using var directory = With(Member("a", "VP Marketing", "A"));
        var outcome = directory.Search(new SearchRequest("CFO", null, null, null, null));
        Assert.True(outcome.Understood);
        Assert.Empty(outcome.Matches);
        Assert.NotEmpty(outcome.Suggestions);
    }

    private sealed class Blocked(string? asker, string peer) : IPeerExclusions
    {
        public bool Excludes(string? askerId, string peerId) => (asker is null || askerId == asker) && peerId == peer;
    }
}
