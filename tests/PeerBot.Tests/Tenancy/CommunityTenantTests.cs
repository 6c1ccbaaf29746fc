using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// A leadership community runs one tenant for members of many employers (<c>Organizations:CommunityTenants</c>).
/// Members from three employers find each other and never a colleague of their own employer, whether the roster
/// gives them their employer's address or only the community's own one (then the organization they declared counts).
/// </summary>
public sealed class CommunityTenantTests() : TenantTestBase("community", new Dictionary<string, string?>
{
    ["Organizations:CommunityTenants:0"] = Community,
})
{
    private const string Community = "c0111111-0000-4000-8000-00000000c111";

    private readonly Person _ann = new("a0000001-0000-4000-8000-000000000001", Community, "Ann Alder");
    private readonly Person _aaron = new("a0000002-0000-4000-8000-000000000002", Community, "Aaron Ash");
    private readonly Person _bea = new("b0000003-0000-4000-8000-000000000003", Community, "Bea Birch");
    private readonly Person _bo = new("b0000004-0000-4000-8000-000000000004", Community, "Bo Beech");
    private readonly Person _cy = new("c0000005-0000-4000-8000-000000000005", Community, "Cy Cedar");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var roster = Tenant(Community).Roster;
        // Ann and Bo carry their employers' addresses; the others only the community's own, which they sign in with.
        roster[_ann.User] = new RosterMember(_ann.Name, "ann@alphaworks.example", "ann@leaders.example", Community);
        roster[_aaron.User] = new RosterMember(_aaron.Name, "aaron@leaders.example", "aaron@leaders.example", Community);
        roster[_bea.User] = new RosterMember(_bea.Name, "bea@leaders.example", "bea@leaders.example", Community);
        roster[_bo.User] = new RosterMember(_bo.Name, "bo@betalogistics.example", "bo@leaders.example", Community);
        roster[_cy.User] = new RosterMember(_cy.Name, "cy@leaders.example", "cy@leaders.example", Community);

        await OnboardAsync(_ann, "VP Marketing", "Alpha Works");
        await OnboardAsync(_aaron, "VP of Marketing", "Alpha Works Ltd");
        await OnboardAsync(_bea, "VP Marketing", "Beta Logistics");
        await OnboardAsync(_bo, "Vice President Marketing", "Beta Logistics");
        await OnboardAsync(_cy, "VP Marketing", "Gamma Health");
    }

    [Fact]
    public async Task Members_are_grouped_by_employer_domain_then_by_declared_organization()
    {
        var keys = new Dictionary<string, string>();
        foreach (var person in new[] { _ann, _aaron, _bea, _bo, _cy })
        {
            keys[person.Name] = (await Get<ProfileStore>().GetAsync(person.PeerId, CancellationToken.None))!.Peer.OrganizationKey;
        }
        Assert.Equal("domain:alphaworks.example", keys["Ann Alder"]);
        Assert.Equal("name:alpha-works", keys["Aaron Ash"]);
        Assert.Equal("name:beta-logistics", keys["Bea Birch"]);
        Assert.Equal("domain:betalogistics.example", keys["Bo Beech"]);
        Assert.Equal("name:gamma-health", keys["Cy Cedar"]);
        Assert.DoesNotContain(keys.Values, k => k.StartsWith("tenant:", StringComparison.Ordinal) || k.Contains("leaders.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_find_the_other_employers_and_never_their_own()
    {
        Assert.Equal(["Bea Birch", "Bo Beech", "Cy Cedar"], (await FindAsync(_ann, "VP marketing")).Order(StringComparer.Ordinal));
        Assert.Equal(["Bea Birch", "Bo Beech", "Cy Cedar"], (await FindAsync(_aaron, "VP marketing")).Order(StringComparer.Ordinal));
        Assert.Equal(["Aaron Ash", "Ann Alder", "Cy Cedar"], (await FindAsync(_bea, "VP marketing")).Order(StringComparer.Ordinal));
        Assert.Equal(["Aaron Ash", "Ann Alder", "Bea Birch", "Bo Beech"], (await FindAsync(_cy, "VP marketing")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_form_says_that_the_declared_organization_decides()
    {
        var form = Tenant(Community).SentTo(_cy.Chat).First(s => TeamsProtocol.TemplateOf(s) == "profileForm").CardText;
        Assert.Contains("leaders who name the same organization as you are never suggested", form, StringComparison.Ordinal);
    }
}
