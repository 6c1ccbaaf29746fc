using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Privacy;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// A tenant that removes PeerBot everywhere is remembered: its members leave search at once, come back when the
/// tenant installs PeerBot again, and are erased once <c>Privacy:UninstalledTenantRetentionDays</c> (30 by default)
/// have passed without a return. The clock is a fake one the test moves.
/// </summary>
public sealed class UninstalledTenantTests : TenantTestBase
{
    private const string Contoso = "c0c0c0c0-0000-4000-8000-00000000c0c0";
    private const string Fabrikam = "fabfab00-0000-4000-8000-00000000fab0";

    private static readonly DateTimeOffset Start = new(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);

    private readonly Person _ada = new("aaaa0001-0000-4000-8000-000000000001", Contoso, "Ada Lindqvist");
    private readonly Person _ben = new("bbbb0002-0000-4000-8000-000000000002", Fabrikam, "Ben Okafor");
    private readonly Person _bo = new("bbbb0003-0000-4000-8000-000000000003", Fabrikam, "Bo Berg");
    private readonly FakeTimeProvider _clock;

    public UninstalledTenantTests() : this(new FakeTimeProvider(Start))
    {
    }

    private UninstalledTenantTests(FakeTimeProvider clock) : base(
        "uninstalled",
        // The test sweeps by hand; the background sweep would otherwise wake on the moved clock and race it.
        new Dictionary<string, string?> { ["Privacy:RetentionSweepInterval"] = "45.00:00:00" },
        services => services.AddSingleton<TimeProvider>(clock)) =>
        _clock = clock;

    // A few fake seconds per turn, so that the per-conversation pacing of replies never waits on the fake clock.
    protected override void AfterTurn() => _clock.Advance(TimeSpan.FromSeconds(5));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tenant(Contoso).Roster[_ada.User] = new RosterMember(_ada.Name, "ada@contoso.example", "ada@contoso.example", Contoso);
        Tenant(Fabrikam).Roster[_ben.User] = new RosterMember(_ben.Name, "ben@fabrikam.example", "ben@fabrikam.example", Fabrikam);
        Tenant(Fabrikam).Roster[_bo.User] = new RosterMember(_bo.Name, "bo@fabrikam.example", "bo@fabrikam.example", Fabrikam);
        await OnboardAsync(_ada, "VP Marketing", "Contoso");
        await OnboardAsync(_ben, "VP Marketing", "Fabrikam");
        await OnboardAsync(_bo, "Marketing Director", "Fabrikam");
        // Bo keeps himself out of search; his choice must survive his tenant leaving and coming back.
        await TypeAsync(_bo, "peerbot privacy nobody");
    }

    [Fact]
    public async Task Members_leave_search_when_their_tenant_removes_PeerBot_and_return_with_it()
    {
        Assert.Contains("Ben Okafor", await FindAsync(_ada, "VP marketing"));

        // One member removes the app: Fabrikam still has Bo's install, so nothing changes.
        await UninstallAsync(_ben);
        Assert.Contains("Ben Okafor", await FindAsync(_ada, "VP marketing"));

        // The last install goes: the tenant has removed PeerBot.
        await UninstallAsync(_bo);
        Assert.Empty(await FindAsync(_ada, "VP marketing"));
        var withheld = (await Get<ProfileStore>().GetAsync(_ben.PeerId, CancellationToken.None))!.Peer;
        Assert.NotNull(withheld.WithheldSince);
        Assert.False(withheld.Discoverable);

        // Any install brings the tenant's members back, each as they chose.
        await SayAsync(_ben, TeamsProtocol.InstallationUpdate(Tenant(Fabrikam).ServiceUrl, _ben.User, Fabrikam));
        Assert.Equal(["Ben Okafor"], await FindAsync(_ada, "VP marketing"));
        var bo = (await Get<ProfileStore>().GetAsync(_bo.PeerId, CancellationToken.None))!.Peer;
        Assert.False(bo.Discoverable);
        Assert.Null(bo.WithheldSince);
    }

    [Fact]
    public async Task Members_of_a_tenant_gone_for_the_retention_period_are_erased_and_not_before()
    {
        await UninstallAsync(_ben);
        await UninstallAsync(_bo);
        var retention = Get<UninstalledTenants>();

        _clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await retention.SweepAsync(CancellationToken.None));
        Assert.NotNull(await Get<ProfileStore>().GetAsync(_ben.PeerId, CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await retention.SweepAsync(CancellationToken.None));
        Assert.Null(await Get<ProfileStore>().GetAsync(_ben.PeerId, CancellationToken.None));
        Assert.Null(await Get<ProfileStore>().GetAsync(_bo.PeerId, CancellationToken.None));
        var export = await Get<MemberDataExport>().ExportAsync(_ben.PeerId, CancellationToken.None);
        Assert.Null(export["profile"]);
        Assert.Null(export["reachability"]);

        // Contoso never left: Ada is untouched, and a later sweep erases nothing more.
        Assert.NotNull(await Get<ProfileStore>().GetAsync(_ada.PeerId, CancellationToken.None));
        Assert.Equal(0, await retention.SweepAsync(CancellationToken.None));
    }

    private async Task UninstallAsync(Person person)
    {
        using var response = await PostAsync(TeamsProtocol.InstallationUpdate(Tenant(person.Tenant).ServiceUrl, person.User, person.Tenant, "remove"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
