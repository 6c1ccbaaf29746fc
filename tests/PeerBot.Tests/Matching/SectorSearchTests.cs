using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Tests.Matching;

/// <summary>Searches for leaders outside the corporate functions: context, front-line supervisors, the title-word fallback.</summary>
public class SectorSearchTests
{
    private static Peer Member(string id, string title, string organization, string industry = "", int headcount = 300) =>
        PeerDirectoryTests.Member(id, title, organization, headcount, null, industry);

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

    private static SearchRequest Anonymous(string query, int top = 5) => new(query, null, null, null, null, top);

    private static readonly Peer[] Mixed =
    [
        Member("school-1", "Principal", "Lincoln Elementary School", "Education"),
        Member("school-2", "High School Principal", "Westbury Unified School District"),
        Member("school-ap", "Assistant Principal", "Redhill Middle School", "Education"),
        Member("eng-1", "Principal Engineer", "Contoso Software", "Software"),
        Member("consult-1", "Principal", "Harbor Strategy Partners", "Management consulting"),
        Member("pe-1", "Principal", "Oakridge Capital", "Private equity"),
        Member("store-lead", "Shift Supervisor", "Kingsbridge Supermarkets", "Retail"),
        Member("store-lead-2", "Key Holder", "Ashford Outfitters", "Retail"),
        Member("dc-lead", "Shift Supervisor", "Millbrook Distribution", "Logistics"),
        Member("plant-lead", "Line Supervisor", "Norwood Plastics", "Manufacturing"),
        Member("nurse-lead", "Charge Nurse", "St. Marston Medical Center", "Healthcare"),
        Member("hotel-gm", "General Manager", "Bayview Grand Hotel", "Hospitality"),
        Member("bistro-gm", "General Manager", "Juniper Bistro", "Restaurants"),
        Member("bu-gm", "General Manager", "Fabrikam Software", "Software"),
        Member("sommelier", "Head Sommelier", "Bayview Grand Hotel", "Hospitality"),
        Member("sommelier-2", "Sommelier", "Juniper Bistro", "Restaurants"),
    ];

    [Fact]
    public void Principal_from_a_member_in_education_means_school_principals_and_says_so()
    {
        using var directory = With([.. Mixed, Member("me", "Teacher", "Elmwood Academy", "Education")]);
        var outcome = directory.Search(As(directory.Find("me")!, "principal"));
        Assert.Equal(["school-1", "school-2"], Ids(outcome).Take(2).Order());
        Assert.DoesNotContain("eng-1", Ids(outcome));
        Assert.DoesNotContain("consult-1", Ids(outcome));
        Assert.Contains("I read “principal” as school principal, since your organization is in schools.", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("principal engineer", outcome.Suggestions);
        Assert.Contains("consulting principal", outcome.Suggestions);
    }

    [Fact]
    public void Principal_from_a_consultant_means_principals_at_consulting_and_investment_firms()
    {
        using var directory = With([.. Mixed, Member("me", "Partner", "Lakeshore Advisors", "Management consulting")]);
        var outcome = directory.Search(As(directory.Find("me")!, "principal"));
        Assert.Equal(["consult-1", "pe-1"], Ids(outcome).Take(2).Order());
        Assert.Contains("principal at a consulting or investment firm", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Principal_from_a_newcomer_takes_the_usual_meaning_and_offers_the_others()
    {
        using var directory = With(Mixed);
        var outcome = directory.Search(Anonymous("principal"));
        Assert.Equal(["school-1", "school-2"], Ids(outcome).Take(2).Order());
        Assert.Contains("its most common meaning", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["consulting principal", "principal engineer"], outcome.Suggestions);
        // The offered searches each mean one reading.
        Assert.Equal(["consult-1", "pe-1"], Ids(directory.Search(Anonymous("consulting principal"))).Take(2).Order());
        Assert.Equal("eng-1", Ids(directory.Search(Anonymous("principal engineer")))[0]);
    }

    [Fact]
    public void General_manager_is_read_at_each_kind_of_organization()
    {
        using var directory = With(Mixed);
        Assert.Equal("hotel-gm", Ids(directory.Search(Anonymous("hotel general manager")))[0]);
        Assert.Equal("bistro-gm", Ids(directory.Search(Anonymous("restaurant GM")))[0]);
        var plain = directory.Search(Anonymous("general manager"));
        Assert.Equal("bu-gm", Ids(plain)[0]);
        Assert.Contains("hotel general manager", plain.Suggestions);
    }

    [Fact]
    public void A_shift_supervisor_asked_by_a_store_manager_means_store_supervisors()
    {
        using var directory = With([.. Mixed, Member("me", "Store Manager", "Cedar Falls Market", "Retail")]);
        var outcome = directory.Search(As(directory.Find("me")!, "shift supervisor"));
        Assert.Equal(["store-lead", "store-lead-2"], Ids(outcome).Take(2).Order());
        Assert.Contains("You didn't name an area, so I looked in your own: Retail stores.", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("shift supervisor warehouse", outcome.Suggestions);
        Assert.DoesNotContain("shift supervisor retail", outcome.Suggestions);
    }

    [Fact]
    public void A_shift_supervisor_asked_by_a_newcomer_finds_front_line_supervisors_everywhere_and_asks_which_area()
    {
        using var directory = With(Mixed);
        var outcome = directory.Search(Anonymous("shift supervisor", top: 10));
        Assert.True(outcome.Understood);
        Assert.Equal(["dc-lead", "nurse-lead", "plant-lead", "store-lead", "store-lead-2"], Ids(outcome).Order());
        Assert.Contains("Which area do you mean?", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["shift supervisor retail", "shift supervisor warehouse", "shift supervisor manufacturing", "shift supervisor restaurant", "shift supervisor hospital", "shift supervisor contact center"],
            outcome.Suggestions);
        Assert.Equal("dc-lead", Ids(directory.Search(Anonymous("shift supervisor warehouse")))[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Among_many_holders_of_an_unknown_title_the_fallback_keeps_the_closest_whatever_the_order_they_joined(bool closestFirst)
    {
        // Twenty far holders, one of the asker's size, four of the asker's size, industry and topics, and a colleague
        // as close as those four; whichever joined first, the page is the four, then the one of the asker's size.
        var far = Enumerable.Range(0, 20).Select(i => PeerDirectoryTests.Member($"far-{i}", "Head Brewer", $"Far Brewery {i}", 20_000, null, "Retail"));
        var closest = Enumerable.Range(0, 4).Select(i => PeerDirectoryTests.Member($"close-{i}", "Head Brewer", $"Close Brewery {i}", 300, null, "Beverages", "hops", "casks"));
        var colleague = PeerDirectoryTests.Member("colleague", "Head Brewer", "Home Brewing Co", 300, "colleague@homebrewing.example", "Beverages", "hops", "casks");
        var sameSize = PeerDirectoryTests.Member("same-size", "Head Brewer", "Middle Brewery", 300, null, "Retail");
        var me = PeerDirectoryTests.Member("me", "Taproom Lead", "Home Brewing Co", 300, "me@homebrewing.example", "Beverages", "hops", "casks");
        Peer[] members = closestFirst ? [.. closest, colleague, sameSize, .. far, me] : [.. far, sameSize, colleague, .. closest, me];
        using var directory = With(members);

        var outcome = directory.Search(As(directory.Find("me")!, "head brewer"));

        Assert.True(outcome.ByTitleWords);
        Assert.Equal(["close-0", "close-1", "close-2", "close-3"], Ids(outcome).Take(4).Order(StringComparer.Ordinal));
        Assert.Equal("same-size", Ids(outcome)[4]);
    }

    [Fact]
    public void A_title_the_role_model_cannot_read_is_found_by_its_words_at_other_organizations_only()
    {
        using var directory = With([.. Mixed, Member("colleague", "Head Sommelier", "Cedar Inn", "Hospitality"), Member("me", "Wine Buyer", "Cedar Inn", "Hospitality")]);
        var outcome = directory.Search(As(directory.Find("me")!, "head sommelier"));
        Assert.True(outcome.ByTitleWords);
        Assert.Equal(["sommelier", "sommelier-2"], Ids(outcome));
        Assert.StartsWith("I don't know that role yet, so I searched titles for these words: “head”, “sommelier”.", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("head sommelier", outcome.UnreadWords);
        Assert.All(outcome.Matches, m => Assert.InRange(m.Score, 0, 0.1));
        Assert.StartsWith("Title words: sommelier · similar size", outcome.Matches[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_counted_words_are_role_words_only()
    {
        using var directory = With(Mixed);
        Assert.Equal("sommelier", directory.Search(Anonymous("sommelier for jane doe please")).UnreadWords);
        Assert.Null(directory.Search(Anonymous("VP marketing")).UnreadWords);
        // Nothing in any title: nothing to count, and the usual answer.
        var none = directory.Search(Anonymous("rockstar ninja"));
        Assert.False(none.Understood);
        Assert.Null(none.UnreadWords);
    }

    [Fact]
    public void A_readable_role_never_falls_back_to_title_words()
    {
        using var directory = With([.. Mixed, Member("bev", "Beverage Director", "Ashford Grand Hotel", "Hospitality")]);
        var outcome = directory.Search(Anonymous("sommelier director"));
        // "director" alone is a level: the words search runs, and finds the sommeliers.
        Assert.True(outcome.ByTitleWords);
        var roles = directory.Search(Anonymous("hotel general manager sommelier"));
        Assert.False(roles.ByTitleWords);
        Assert.Equal("hotel-gm", Ids(roles)[0]);
    }

    [Fact]
    public void Suggestions_fit_what_was_typed_and_never_offer_individual_contributors()
    {
        using var directory = With(Mixed);
        foreach (var query in new[] { "specialist", "associate", "coordinator", "VP", "nonprofit", "city manager", "sommelier manager" })
        {
            var outcome = directory.Search(Anonymous(query));
            Assert.DoesNotContain(outcome.Suggestions, s => s.Contains("Individual contributor", StringComparison.OrdinalIgnoreCase));
        }
        Assert.Equal(["executive director", "development director", "program director"], directory.Search(Anonymous("nonprofit")).Suggestions);
    }

    [Fact]
    public void A_title_read_by_sector_moves_when_the_organization_changes()
    {
        using var directory = With(Mixed);
        directory.Upsert(Member("bu-gm", "General Manager", "Ashford Resort & Spa", "Hospitality"));
        Assert.Contains("bu-gm", Ids(directory.Search(Anonymous("hotel general manager"))));
        Assert.DoesNotContain("bu-gm", Ids(directory.Search(Anonymous("general manager"))));
        directory.Remove("hotel-gm");
        Assert.DoesNotContain("hotel-gm", Ids(directory.Search(Anonymous("hotel general manager"))));
    }
}
