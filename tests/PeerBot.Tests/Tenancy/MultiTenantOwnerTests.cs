using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Teams;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// One deployment, many tenants: the bot's Entra app (multi-tenant, with a secret) asks Graph about a team with a
/// token from that team's own tenant, got by client credentials against that tenant's authority (an Entra stub on
/// loopback, reached through MSAL's injected HTTP client). Team owners in a second tenant can then schedule a
/// channel nudge; a tenant that never consented is told once what is missing.
/// </summary>
public sealed class MultiTenantOwnerTests : TenantTestBase
{
    private const string AppId = "5d2f8a14-7c3e-4b9a-8e61-0f4d2c7b9a35";
    private const string Secret = "app-secret-for-tests";
    private const string Home = "40404040-0000-4000-8000-000000004040";
    private const string Second = "50505050-0000-4000-8000-000000005050";
    private const string Unconsented = "60606060-0000-4000-8000-000000006060";

    private const string SecondTeam = "19:second-team@thread.tacv2";
    private const string SecondGroup = "8a1f3c5e-2b4d-4e6f-9a0b-1c2d3e4f5a6b";
    private const string SecondChannel = "19:second-leaders@thread.tacv2";
    private const string ThirdTeam = "19:third-team@thread.tacv2";
    private const string ThirdGroup = "9b2e4d6f-3c5e-4f70-8a1b-2c3d4e5f6a7b";
    private const string ThirdChannel = "19:third-leaders@thread.tacv2";

    private readonly Person _owner = new("0b5c6f1e-3a2d-4c8b-9e7f-6a5b4c3d2e1f", Second, "Olga Owner");
    private readonly Person _member = new("1c6d7a2f-4b3e-4d9c-8f0a-7b6c5d4e3f2a", Second, "Max Member");
    private readonly Person _unconsentedOwner = new("2d7e8b3a-5c4f-4e0d-9a1b-8c7d6e5f4a3b", Unconsented, "Una Owner");

    private readonly EntraStub _entra;
    private readonly GraphStub _graph;

    public MultiTenantOwnerTests() : this(new EntraStub(AppId, Secret), new GraphStub("a-token-no-tenant-gets"))
    {
    }

    private MultiTenantOwnerTests(EntraStub entra, GraphStub graph) : base("multitenant", new Dictionary<string, string?>
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = Secret,
        ["MicrosoftAppTenantId"] = Home,
        ["Graph:BaseUrl"] = graph.BaseUrl,
    }, services =>
    {
        // Inbound activities need no channel token here (the authentication tests cover those), outbound none either.
        services.AddSingleton<ServiceClientCredentialsFactory>(new GraphCredentials(AppId, "never-used"));
        services.AddHttpClient(GraphTokens.HttpClientName).ConfigurePrimaryHttpMessageHandler(entra.Redirect);
    })
    {
        _entra = entra;
        _graph = graph;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _entra.Consented.Add(Home);
        _entra.Consented.Add(Second);
        _graph.TeamTokens[SecondGroup] = EntraStub.TokenFor(Second);
        _graph.TeamTokens[ThirdGroup] = EntraStub.TokenFor(Unconsented);
        _graph.Roster[(SecondGroup, _owner.User)] = ["owner"];
        _graph.Roster[(SecondGroup, _member.User)] = [];
        _graph.Roster[(ThirdGroup, _unconsentedOwner.User)] = ["owner"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _entra.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task A_team_owner_in_a_second_tenant_schedules_a_channel_nudge_with_that_tenants_token()
    {
        await InstallInTeamAsync(_owner, SecondTeam, SecondGroup);

        var set = await MentionAsync(_owner, SecondChannel, SecondTeam, SecondGroup, "nudge weekly tue 09:00 Europe/Berlin");
        Assert.Contains(set, s => s.Text?.Contains("Done: I'll post here", StringComparison.Ordinal) == true);
        var refused = await MentionAsync(_member, SecondChannel, SecondTeam, SecondGroup, "nudge off");
        Assert.Contains(refused, s => s.Text?.Contains("Only channel or workspace admins", StringComparison.Ordinal) == true);

        // The token came from the second tenant's own authority, for Graph, as the app; never from the bot's home.
        Assert.Contains(_entra.Requests, r => r.Tenant == Second && r.ClientId == AppId && r.Scope.Contains("https://graph.microsoft.com/.default", StringComparison.Ordinal));
        Assert.DoesNotContain(_entra.Requests, r => r.Tenant == Home);
        Assert.All(_graph.Authorizations, a => Assert.Equal("Bearer " + EntraStub.TokenFor(Second), a));
    }

    [Fact]
    public async Task A_tenant_without_consent_is_told_once_what_is_missing_and_nobody_there_passes_as_an_owner()
    {
        // Una has a personal chat with PeerBot, where the notice can reach her.
        await SayAsync(_unconsentedOwner, TeamsProtocol.InstallationUpdate(Tenant(Unconsented).ServiceUrl, _unconsentedOwner.User, Unconsented));
        await InstallInTeamAsync(_unconsentedOwner, ThirdTeam, ThirdGroup);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var refused = await MentionAsync(_unconsentedOwner, ThirdChannel, ThirdTeam, ThirdGroup, "nudge weekly tue 09:00 Europe/Berlin");
            Assert.Contains(refused, s => s.Text?.Contains("Only channel or workspace admins", StringComparison.Ordinal) == true);
        }

        var notices = Tenant(Unconsented).SentTo(_unconsentedOwner.Chat).Where(s => s.Text?.Contains("has not consented", StringComparison.Ordinal) == true).ToList();
        var notice = Assert.Single(notices);
        Assert.Contains($"https://login.microsoftonline.com/{Unconsented}/adminconsent?client_id={AppId}", notice.Text, StringComparison.Ordinal);
        Assert.Contains(AppId, notice.Text, StringComparison.Ordinal);
        Assert.Equal(0, _graph.Calls);
    }

    private async Task InstallInTeamAsync(Person installer, string teamId, string groupId)
    {
        var connector = Tenant(installer.Tenant);
        connector.Teams[teamId] = groupId;
        using var response = await PostAsync(Activities.BotInTeam(connector.ServiceUrl, installer.User, teamId, groupId, tenant: installer.Tenant));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<IReadOnlyList<SentActivity>> MentionAsync(Person person, string channel, string teamId, string groupId, string text)
    {
        var connector = Tenant(person.Tenant);
        var activity = Activities.InTeam(Activities.ChannelMention(connector.ServiceUrl, person.User, text, channel), teamId, groupId, person.Tenant);
        var before = connector.SentTo(channel).Count();
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [.. connector.SentTo(channel).Skip(before)];
    }
}
