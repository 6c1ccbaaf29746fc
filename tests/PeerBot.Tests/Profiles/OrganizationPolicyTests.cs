using Azure.Data.Tables;
using PeerBot.Matching;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Profiles;

/// <summary>What counts as one organization under each rule a deployment can choose.</summary>
public sealed class OrganizationPolicyTests
{
    private const string Contoso = "c0c0c0c0-0000-4000-8000-00000000c0c0";
    private const string Community = "c0111111-0000-4000-8000-00000000c111";

    private static readonly OrganizationPolicy ByTenant = new(OrganizationRule.Tenant, [Community]);

    private static OrganizationFacts Member(string email, string? upn = null, string tenant = Contoso, bool guest = false, string declared = "Contoso Ltd") =>
        new(tenant, email, upn ?? email, guest, declared);

    [Fact]
    public void Under_the_tenant_rule_a_member_is_their_tenant_whatever_their_address() =>
        Assert.Equal("tenant:" + Contoso, ByTenant.KeyFor(Member("ada@contoso.example")));

    [Theory]
    [InlineData(null, "gus_fabrikam.example#EXT#@contoso.onmicrosoft.com", false)]
    [InlineData("gus@fabrikam.example", "gus_fabrikam.example#EXT#@contoso.onmicrosoft.com", false)]
    [InlineData("gus@fabrikam.example", "gus@fabrikam.example", true)]
    public void A_guest_goes_by_their_own_mail_domain_never_by_the_host(string? email, string upn, bool roleSaysGuest)
    {
        var isGuest = OrganizationKeys.IsGuest(roleSaysGuest ? "guest" : "user", upn);
        Assert.True(isGuest);
        Assert.Equal("domain:fabrikam.example", ByTenant.KeyFor(new OrganizationFacts(Contoso, email, upn, isGuest, "Fabrikam")));
    }

    [Theory]
    [InlineData("first_last_fabrikam.example#EXT#@contoso.onmicrosoft.com", "first_last@fabrikam.example")]
    [InlineData("ana_sub.fabrikam.co.uk#EXT#@contoso.onmicrosoft.com", "ana@sub.fabrikam.co.uk")]
    [InlineData("nounderscore#EXT#@contoso.onmicrosoft.com", null)]
    [InlineData("ada@contoso.example", null)]
    public void A_guests_own_address_is_recovered_from_the_guest_UPN(string upn, string? expected) =>
        Assert.Equal(expected, OrganizationKeys.GuestHomeEmail(null, upn));

    [Fact]
    public void A_guest_with_a_public_address_goes_by_the_declared_name() =>
        Assert.Equal("name:fabrikam", ByTenant.KeyFor(new OrganizationFacts(Contoso, "gus@gmail.com", "gus_gmail.com#EXT#@contoso.onmicrosoft.com", true, "Fabrikam")));

    [Fact]
    public void In_a_community_tenant_the_employer_domain_decides_then_the_declared_name()
    {
        Assert.Equal("domain:alphaworks.example", ByTenant.KeyFor(Member("ann@alphaworks.example", "ann@leaders.example", Community, declared: "Alpha Works")));
        // The community's own domain (the one its members sign in with) and its onmicrosoft.com one say nothing.
        Assert.Equal("name:alpha-works", ByTenant.KeyFor(Member("aaron@leaders.example", "aaron@leaders.example", Community, declared: "Alpha Works")));
        Assert.Equal("name:beta", ByTenant.KeyFor(Member("bea@leaders.onmicrosoft.com", "bea@leaders.example", Community, declared: "Beta")));
        Assert.Equal("name:gamma", ByTenant.KeyFor(Member("cy@gmail.com", "cy@leaders.example", Community, declared: "Gamma")));
    }

    [Fact]
    public void Under_the_email_domain_rule_tenants_are_ignored_and_public_mail_never_groups()
    {
        var byDomain = new OrganizationPolicy(OrganizationRule.EmailDomain, []);
        Assert.Equal("domain:contoso.example", byDomain.KeyFor(Member("ada@contoso.example")));
        Assert.Equal("name:contoso", byDomain.KeyFor(Member("ada@outlook.com")));
        Assert.Equal("domain:fabrikam.example", byDomain.KeyFor(new OrganizationFacts(Contoso, null, "gus_fabrikam.example#EXT#@contoso.onmicrosoft.com", true, "")));
    }

    [Fact]
    public void Under_the_declared_rule_only_the_declared_name_counts()
    {
        var declared = new OrganizationPolicy(OrganizationRule.Declared, []);
        Assert.Equal("name:contoso", declared.KeyFor(Member("ada@contoso.example", declared: "The Contoso LLC")));
        Assert.Equal("name:fabrikam", declared.KeyFor(Member("ben@contoso.example", declared: "Fabrikam")));
    }

    [Fact]
    public void The_employer_domain_a_peer_counts_by_follows_its_key()
    {
        Peer With(string key, string email) => new() { Id = "x", Name = "X", Title = "CFO", Organization = "X", OrganizationKey = key, Email = email };
        Assert.Equal("contoso.example", With("tenant:" + Contoso, "ada@contoso.example").EmailDomain);
        Assert.Equal("fabrikam.example", With("domain:fabrikam.example", "gus@fabrikam.example").EmailDomain);
        // A community's own addresses, or a deployment that goes by declared names: the address groups nobody.
        Assert.Null(With("name:alpha-works", "aaron@leaders.example").EmailDomain);
    }

    [Fact]
    public void The_form_hint_names_the_rule_in_the_members_terms()
    {
        Assert.Equal("Colleagues at Contoso (contoso.example) are never suggested as peers: everyone in your Microsoft 365 organization counts as Contoso.",
            ByTenant.Describe(Member("ada@contoso.example"), "Contoso"));
        Assert.StartsWith("You are a guest here", ByTenant.Describe(new OrganizationFacts(Contoso, null, "gus_fabrikam.example#EXT#@contoso.onmicrosoft.com", true, "Fabrikam"), "Fabrikam"), StringComparison.Ordinal);
        Assert.Equal("Colleagues at Alpha Works (alphaworks.example) are never suggested as peers.",
            ByTenant.Describe(Member("ann@alphaworks.example", "ann@leaders.example", Community), "Alpha Works"));
        Assert.Contains("name the same organization", new OrganizationPolicy(OrganizationRule.Declared, []).Describe(Member("ada@contoso.example"), "Contoso"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_rule_or_email_recomputes_stored_keys_and_the_directory_follows()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var names = new TableNames(Azurite.UniquePrefix("orgrule"));
        await service.GetTableClient(names.Profiles).CreateIfNotExistsAsync();
        await service.GetTableClient(names.Changes).CreateIfNotExistsAsync();
        var changes = ChangeLogs.For(service, names);
        var before = new ProfileStore(service, names, changes, ByTenant);
        var ada = new Peer
        {
            Id = "msteams:ada", Name = "Ada", Title = "VP Marketing", Organization = "Contoso", OrganizationKey = "",
            Email = "ada@contoso.example", Upn = "ada@contoso.example", TenantId = Contoso, Channel = "msteams",
        };
        await before.SaveAsync(ada, null, CancellationToken.None);
        Assert.Equal("tenant:" + Contoso, (await before.GetAsync(ada.Id, CancellationToken.None))!.Peer.OrganizationKey);

        // The deployment switches to email domains: the same row reads with the new key, so a reloaded directory has it.
        var after = new ProfileStore(service, names, changes, new OrganizationPolicy(OrganizationRule.EmailDomain, []));
        using var directory = new PeerDirectory();
        after.Saved += directory.Upsert;
        await foreach (var peer in after.ListAsync(CancellationToken.None))
        {
            directory.Upsert(peer);
        }
        Assert.Equal("domain:contoso.example", directory.Find(ada.Id)!.OrganizationKey);

        // A new address moves the member, and the directory follows the save.
        var stored = (await after.GetAsync(ada.Id, CancellationToken.None))!;
        await after.SaveAsync(stored.Peer with { Email = "ada@fabrikam.example" }, stored.ETag, CancellationToken.None);
        Assert.Equal("domain:fabrikam.example", directory.Find(ada.Id)!.OrganizationKey);
    }
}
