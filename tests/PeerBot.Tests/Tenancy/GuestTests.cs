using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// A guest in a host tenant (roster userRole "guest", UPN with #EXT#, no email) belongs to their own employer: they
/// find, and are found by, the host's members; colleagues from their own employer stay out of their results.
/// </summary>
public sealed class GuestTests() : TenantTestBase("guests")
{
    private const string Contoso = "c0c0c0c0-0000-4000-8000-00000000c0c0";
    private const string Fabrikam = "fabfab00-0000-4000-8000-00000000fab0";

    private readonly Person _carla = new("cccc0001-0000-4000-8000-000000000001", Contoso, "Carla Reyes");
    private readonly Person _chris = new("cccc0002-0000-4000-8000-000000000002", Contoso, "Chris Park");
    private readonly Person _gus = new("9999aaaa-0000-4000-8000-000000000003", Contoso, "Gus Hale");
    private readonly Person _fiona = new("ffff0004-0000-4000-8000-000000000004", Fabrikam, "Fiona Walsh");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tenant(Contoso).Roster[_carla.User] = new RosterMember(_carla.Name, "carla@contoso.example", "carla@contoso.example", Contoso);
        Tenant(Contoso).Roster[_chris.User] = new RosterMember(_chris.Name, "chris@contoso.example", "chris@contoso.example", Contoso);
        // As Teams shows a guest: the host's tenant, the guest role, a #EXT# UPN, and no email.
        Tenant(Contoso).Roster[_gus.User] = new RosterMember(_gus.Name, null, "gus_fabrikam.example#EXT#@contoso.onmicrosoft.com", Contoso, "guest");
        Tenant(Fabrikam).Roster[_fiona.User] = new RosterMember(_fiona.Name, "fiona@fabrikam.example", "fiona@fabrikam.example", Fabrikam);

        await OnboardAsync(_carla, "VP Marketing", "Contoso");
        await OnboardAsync(_chris, "Head of Marketing", "Contoso");
        await OnboardAsync(_gus, "VP Marketing", "Fabrikam");
        await OnboardAsync(_fiona, "Marketing Director", "Fabrikam");
    }

    [Fact]
    public async Task The_guest_is_grouped_by_their_own_email_never_by_the_host()
    {
        var gus = (await Get<ProfileStore>().GetAsync(_gus.PeerId, CancellationToken.None))!.Peer;
        Assert.True(gus.IsGuest);
        Assert.Equal("gus@fabrikam.example", gus.Email);
        Assert.Equal("domain:fabrikam.example", gus.OrganizationKey);
        Assert.Equal(Contoso, gus.TenantId);
    }

    [Fact]
    public async Task The_guest_and_the_hosts_members_find_each_other_and_colleagues_stay_apart()
    {
        var forGus = await FindAsync(_gus, "VP marketing");
        Assert.Contains("Carla Reyes", forGus);
        Assert.Contains("Chris Park", forGus);
        Assert.DoesNotContain("Fiona Walsh", forGus);

        var forCarla = await FindAsync(_carla, "VP marketing");
        Assert.Contains("Gus Hale", forCarla);
        Assert.Contains("Fiona Walsh", forCarla);
        Assert.DoesNotContain("Chris Park", forCarla);

        Assert.DoesNotContain("Gus Hale", await FindAsync(_fiona, "VP marketing"));
    }

    [Fact]
    public async Task A_guest_who_has_not_saved_a_profile_yet_also_finds_the_hosts_members()
    {
        var gia = new Person("9999bbbb-0000-4000-8000-000000000005", Contoso, "Gia Lund");
        Tenant(Contoso).Roster[gia.User] = new RosterMember(gia.Name, null, "gia_northwind.example#EXT#@contoso.onmicrosoft.com", Contoso, "guest");
        await SayAsync(gia, TeamsProtocol.InstallationUpdate(Tenant(Contoso).ServiceUrl, gia.User, Contoso));

        var found = await FindAsync(gia, "VP marketing");
        Assert.Contains("Carla Reyes", found);
        Assert.Contains("Gus Hale", found);
    }

    [Fact]
    public async Task A_connected_guest_is_reached_at_their_own_address()
    {
        await RequestIntroAsync(_carla, _gus);
        await AnswerAsync(_gus, IntroVerbs.Accept);

        var forCarla = Card(_carla, "introConnected");
        Assert.Equal("gus@fabrikam.example", Facts(forCarla)["Email"]);
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=gus%40fabrikam.example", Links(forCarla));
        Assert.Equal("carla@contoso.example", Facts(Card(_gus, "introConnected"))["Email"]);
    }

    [Fact]
    public async Task The_guests_form_says_which_rule_applies_to_them()
    {
        var form = Tenant(Contoso).SentTo(_gus.Chat).First(s => TeamsProtocol.TemplateOf(s) == "profileForm");
        Assert.Contains("You are a guest here", form.CardText, StringComparison.Ordinal);
        Assert.Contains("colleagues at fabrikam.example are never suggested", form.CardText, StringComparison.Ordinal);
        Assert.Equal("Fabrikam", TeamsProtocol.Inputs(form.Card).Single(i => i["id"]!.GetValue<string>() == "organization")["value"]!.GetValue<string>());
    }
}
