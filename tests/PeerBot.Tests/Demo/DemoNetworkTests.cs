using System.Text.Json;
using System.Text.RegularExpressions;
using PeerBot.Demo;
using PeerBot.Profiles;

namespace PeerBot.Tests.Demo;

public sealed class DemoNetworkTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<DemoLeader> Network = DemoNetwork.Generate(AsOf);

    [Fact]
    public void Has_at_least_300_leaders_across_at_least_60_organizations()
    {
        Assert.True(Network.Count >= 300, $"{Network.Count} leaders");
        Assert.True(Network.Select(l => l.Peer.Organization).Distinct().Count() >= 60);
        Assert.True(DemoOrganizations.All.Count >= 60);
        Assert.All(DemoOrganizations.All, o => Assert.Contains(Network, l => l.Organization == o));
    }

    [Fact]
    public void Every_profile_is_marked_as_demo()
    {
        Assert.All(Network, l =>
        {
            Assert.True(l.Peer.IsDemo);
            Assert.Equal("demo", l.Peer.Channel);
            Assert.True(l.Peer.Discoverable);
        });
    }

    [Fact]
    public void Ids_are_numbered_demo_ids_without_gaps()
    {
        var expected = Enumerable.Range(1, Network.Count).Select(i => $"demo:{i:0000}");
        Assert.Equal(expected, Network.Select(l => l.Peer.Id));
    }

    [Fact]
    public void Is_the_same_on_every_run()
    {
        var again = DemoNetwork.Generate(AsOf);
        Assert.Equal(Serialize(Network), Serialize(again));
    }

    [Fact]
    public void Updated_times_follow_the_given_moment()
    {
        var later = DemoNetwork.Generate(AsOf.AddDays(10));
        Assert.All(Network.Zip(later), pair =>
        {
            Assert.Equal(pair.First.Peer.Title, pair.Second.Peer.Title);
            Assert.Equal(TimeSpan.FromDays(10), pair.Second.Peer.UpdatedAt - pair.First.Peer.UpdatedAt);
        });
        Assert.All(Network, l => Assert.InRange(l.Peer.UpdatedAt, AsOf.AddDays(-121), AsOf));
    }

    [Fact]
    public void Organizations_are_fictional_with_example_domains_and_domain_keys()
    {
        Assert.Equal(DemoOrganizations.All.Count, DemoOrganizations.All.Select(o => o.Name).Distinct().Count());
        Assert.Equal(DemoOrganizations.All.Count, DemoOrganizations.All.Select(o => o.Domain).Distinct().Count());
        Assert.All(DemoOrganizations.All, o => Assert.EndsWith(".example", o.Domain, StringComparison.Ordinal));
        Assert.All(Network, l =>
        {
            Assert.Equal(l.Organization.Domain, l.Peer.EmailDomain);
            Assert.Matches("^[a-z]+\\.[a-z]+@", l.Peer.Email!);
            Assert.Equal(OrganizationKeys.For(null, l.Peer.Email, l.Peer.Organization), l.Peer.OrganizationKey);
            Assert.Equal("domain:" + l.Organization.Domain, l.Peer.OrganizationKey);
        });
    }

    [Fact]
    public void People_have_unique_names()
    {
        Assert.Equal(Network.Count, Network.Select(l => l.Peer.Name).Distinct().Count());
        Assert.Equal(Network.Count, Network.Select(l => l.Peer.Email).Distinct().Count());
    }

    [Theory]
    [InlineData("Marketing")]
    [InlineData("Sales")]
    [InlineData("Engineering")]
    [InlineData("Product")]
    [InlineData("Finance")]
    [InlineData("People")]
    [InlineData("Operations")]
    [InlineData("Legal")]
    [InlineData("IT")]
    [InlineData("Security")]
    [InlineData("Customer Success")]
    [InlineData("Data")]
    [InlineData("Design")]
    [InlineData("Communications")]
    [InlineData("Supply Chain")]
    [InlineData("Manufacturing")]
    [InlineData("Strategy")]
    [InlineData("Research")]
    [InlineData("General Management")]
    public void Every_function_is_represented(string function)
    {
        Assert.True(Network.Count(l => l.Function.Name == function) >= 5, $"too few leaders in {function}");
    }

    [Fact]
    public void Every_level_from_team_lead_to_c_level_is_represented()
    {
        Assert.All(Enum.GetValues<DemoLevel>(), level => Assert.True(Network.Count(l => l.Level == level) >= 10, $"{level}"));
    }

    [Fact]
    public void Every_organization_has_a_chief_executive()
    {
        Assert.All(DemoOrganizations.All, o => Assert.Contains(Network, l =>
            l.Organization == o && l.Level == DemoLevel.CLevel && l.Function.Name == DemoFunctions.GeneralManagement));
    }

    [Fact]
    public void Startups_have_no_vice_presidents_below_the_c_level_and_only_enterprises_have_svps()
    {
        Assert.DoesNotContain(Network, l => l.Organization.IsStartup && l.Level is DemoLevel.VicePresident or DemoLevel.SeniorVicePresident or DemoLevel.SeniorManager);
        Assert.DoesNotContain(Network, l => !l.Organization.IsEnterprise && l.Level == DemoLevel.SeniorVicePresident);
    }

    [Theory]
    [InlineData("^CMO$")]
    [InlineData("^CFO$")]
    [InlineData("^CEO$")]
    [InlineData("Founder")]
    [InlineData("^VP Marketing$")]
    [InlineData("^Vice President, Marketing$")]
    [InlineData("^Vice President of ")]
    [InlineData("^Head of ")]
    [InlineData("^Sr\\. Mgr, ")]
    [InlineData("^Senior Manager, ")]
    [InlineData(" Team Lead$")]
    [InlineData("^Team Lead, ")]
    [InlineData(" Director (EMEA|APAC|North America|LATAM|DACH|Nordics|UK & Ireland|Iberia)$")]
    [InlineData("^VP, .+ (EMEA|APAC|North America|LATAM|DACH|Nordics|UK & Ireland|Iberia)$")]
    [InlineData("^(SVP|EVP|Senior Vice President|Executive Vice President)")]
    [InlineData("^Chief [A-Za-z& ]+ Officer$")]
    public void Titles_come_in_real_world_styles(string pattern)
    {
        Assert.True(Network.Any(l => Regex.IsMatch(l.Peer.Title, pattern)), $"no title matches {pattern}");
    }

    [Fact]
    public void Titles_are_varied()
    {
        Assert.True(Network.Select(l => l.Peer.Title).Distinct().Count() >= 200);
        Assert.DoesNotContain(Network, l => l.Peer.Title.Contains('{', StringComparison.Ordinal) || l.Peer.Title.Contains("  ", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_organizations_have_a_vp_of_marketing_with_marketing_in_the_title()
    {
        var vps = Network.Where(l => l.Function == DemoFunctions.Marketing && l.Level == DemoLevel.VicePresident
            && l.Peer.Title.Contains("Marketing", StringComparison.Ordinal)).ToList();
        Assert.True(vps.Select(l => l.Organization).Distinct().Count() >= 8, $"{vps.Count} marketing VPs");
        Assert.True(vps.Select(l => l.Peer.Title).Distinct().Count() >= 4, "marketing VP titles should come in several styles");
    }

    [Theory]
    [InlineData("Finance", DemoLevel.CLevel, "CFO|Chief Financial Officer")]
    [InlineData("Engineering", DemoLevel.Director, "Engineering")]
    [InlineData("Customer Success", DemoLevel.Director, "Customer Success")]
    public void The_roles_the_bot_suggests_as_examples_have_several_peers(string function, DemoLevel level, string titlePattern)
    {
        var peers = Network.Where(l => l.Function.Name == function && l.Level == level && Regex.IsMatch(l.Peer.Title, titlePattern)).ToList();
        Assert.True(peers.Select(l => l.Organization).Distinct().Count() >= 5, $"{peers.Count} peers for {function} {level}");
    }

    [Fact]
    public void Headcounts_span_10_to_50000_and_every_band()
    {
        Assert.Equal(10, Network.Min(l => l.Peer.Headcount));
        Assert.Equal(50_000, Network.Max(l => l.Peer.Headcount));
        Assert.All(HeadcountBand.All, band => Assert.Contains(Network, l => l.Peer.Band == band));
    }

    [Fact]
    public void Industries_are_varied_and_from_the_offered_list()
    {
        Assert.All(Network, l => Assert.Contains(l.Peer.Industry, Industries.Offered));
        Assert.True(Network.Select(l => l.Peer.Industry).Distinct().Count() >= 18);
    }

    [Fact]
    public void Time_zones_are_valid_iana_ids_and_varied()
    {
        Assert.All(Network, l => Assert.True(TimeZones.IsKnown(l.Peer.TimeZone), l.Peer.TimeZone));
        Assert.True(Network.Select(l => l.Peer.TimeZone).Distinct().Count() >= 20);
    }

    [Fact]
    public void Regional_leaders_live_in_their_region()
    {
        foreach (var leader in Network)
        {
            var region = DemoTitles.Regions.Keys.FirstOrDefault(r => leader.Peer.Title.EndsWith(" " + r, StringComparison.Ordinal) || leader.Peer.Title.EndsWith(", " + r, StringComparison.Ordinal));
            if (region is not null)
            {
                Assert.Contains(leader.Peer.TimeZone, DemoTitles.Regions[region]);
            }
        }
    }

    [Fact]
    public void Topics_come_from_the_leadership_list_three_to_five_each()
    {
        Assert.InRange(LeadershipTopics.All.Count, 35, 45);
        Assert.Equal(LeadershipTopics.All.Count, LeadershipTopics.All.Distinct().Count());
        Assert.All(Network, l =>
        {
            Assert.InRange(l.Peer.Topics.Count, 3, 5);
            Assert.Equal(l.Peer.Topics.Count, l.Peer.Topics.Distinct().Count());
            Assert.All(l.Peer.Topics, t => Assert.Contains(t, LeadershipTopics.All));
        });
        Assert.True(Network.SelectMany(l => l.Peer.Topics).Distinct().Count() >= 35);
        Assert.All(DemoFunctions.All.SelectMany(f => f.Topics), t => Assert.Contains(t, LeadershipTopics.All));
    }

    private static string Serialize(IEnumerable<DemoLeader> leaders) => JsonSerializer.Serialize(leaders.Select(l => l.Peer));
}
