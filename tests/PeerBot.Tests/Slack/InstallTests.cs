using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Slack;
using PeerBot.Storage;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Slack;

/// <summary>Installs in many workspaces: OAuth v2 with a signed state, encrypted tokens in Table Storage, uninstalls.</summary>
public sealed class InstallTests() : SlackTestBase("slackinstall", settings: OAuthSettings)
{
    private const string InstalledToken = "xoxb-installed-in-T0PEERS";

    private static readonly Dictionary<string, string?> OAuthSettings = new()
    {
        ["Slack:BotToken"] = "",
        ["Slack:ClientId"] = "1111.2222",
        ["Slack:ClientSecret"] = "oauth-client-secret",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slack.OAuthAccess = new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = InstalledToken,
            ["token_type"] = "bot",
            ["scope"] = "chat:write,commands",
            ["bot_user_id"] = "U0PEERBOT",
            ["app_id"] = "A0PEERBOT",
            ["team"] = new JsonObject { ["id"] = SlackRequests.Team, ["name"] = "Leaders Circle" },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["authed_user"] = new JsonObject { ["id"] = "U0ADMIN" },
        };
    }

    [Fact]
    public async Task Install_redirects_to_Slack_with_a_signed_state_and_the_callback_stores_an_encrypted_token()
    {
        var (state, cookie) = await StartInstallAsync();

        using var callback = await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"https://slack.com/app_redirect?app=A0PEERBOT&team={SlackRequests.Team}", callback.Headers.Location!.ToString());
        var exchange = Slack.CallsTo("oauth.v2.access").Single();
        Assert.Equal("abc123", exchange.Body["code"]!.GetValue<string>());
        Assert.Equal("http://localhost/slack/oauth/callback", exchange.Body["redirect_uri"]!.GetValue<string>());

        var installation = await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None);
        Assert.Equal(InstalledToken, installation!.BotToken);
        Assert.Equal("U0PEERBOT", installation.BotUserId);
        var row = await Table(Names.SlackInstallations).GetEntityAsync<TableEntity>("team", SlackRequests.Team);
        Assert.DoesNotContain("xoxb", row.Value.GetString("BotToken"), StringComparison.Ordinal);
        Assert.NotEmpty(Table(Names.DataProtectionKeys).Query<TableEntity>().ToList());

        // The installed workspace is served with its own token.
        await EventAsync(SlackRequests.Event(SlackRequests.DirectMessage("U0MEMBER", "help")));
        var reply = await Slack.WaitForMessageAsync("Commands:");
        Assert.Equal("Bearer " + InstalledToken, reply.Authorization);
    }

    [Fact]
    public async Task An_org_wide_install_serves_its_workspaces_and_later_reaches_their_members_by_workspace_alone()
    {
        Slack.OAuthAccess = new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-org-wide",
            ["token_type"] = "bot",
            ["scope"] = "chat:write,commands",
            ["bot_user_id"] = "U0PEERBOT",
            ["app_id"] = "A0PEERBOT",
            ["team"] = null,
            ["enterprise"] = new JsonObject { ["id"] = "E0ORG", ["name"] = "Grid Org" },
            ["is_enterprise_install"] = true,
            ["authed_user"] = new JsonObject { ["id"] = "U0ADMIN" },
        };
        var (state, cookie) = await StartInstallAsync();
        using var callback = await CallbackAsync($"code=org&state={Uri.EscapeDataString(state)}", cookie);
        // No single workspace to send the installer to: a page says where to find PeerBot.
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        // A member of one of the organization's workspaces talks to PeerBot: the request names both ids.
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("U0MEMBER", "help"), team: "T0WORK");
        envelope["enterprise_id"] = "E0ORG";
        await EventAsync(envelope);
        var reply = await Slack.WaitForMessageAsync("Commands:");
        Assert.Equal("Bearer xoxb-org-wide", reply.Authorization);

        // Later messages name only the member's workspace (slack:{team}:{user}), and still find the installation.
        var messenger = Host.Services.GetRequiredService<PeerBot.Conversations.MemberMessenger>();
        Assert.True(await messenger.SendAsync("slack:T0WORK:U0MEMBER", new PeerBot.Conversations.TextReply("An intro is waiting for you."), CancellationToken.None));
        var later = await Slack.WaitForMessageAsync("An intro is waiting for you.");
        Assert.Equal("Bearer xoxb-org-wide", later.Authorization);
        // A workspace never seen is not guessed at: the message waits for the member's next visit.
        Assert.False(await messenger.SendAsync("slack:T0ELSEWHERE:U0MEMBER", new PeerBot.Conversations.TextReply("Not for now."), CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_expired_or_unbound_state_installs_nothing()
    {
        var (state, cookie) = await StartInstallAsync();

        using var noCookie = await CallbackAsync($"code=abc&state={Uri.EscapeDataString(state)}", null);
        using var otherCookie = await CallbackAsync($"code=abc&state={Uri.EscapeDataString(state)}", "peerbot_slack_oauth=someone-else");
        using var forged = await CallbackAsync("code=abc&state=forged", cookie);
        using var denied = await CallbackAsync("error=access_denied&state=" + Uri.EscapeDataString(state), cookie);
        var expiredState = Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SlackOAuth.StatePurpose)
            .ToTimeLimitedDataProtector().Protect("nonce-1", DateTimeOffset.UtcNow.AddSeconds(-1));
        using var expired = await CallbackAsync($"code=abc&state={Uri.EscapeDataString(expiredState)}", SlackOAuth.StateCookie + "=nonce-1");

        Assert.All([noCookie, otherCookie, forged, denied, expired], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Empty(Slack.CallsTo("oauth.v2.access"));
        Assert.Null(await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None));

        // Control: the same kind of state, still valid, does install.
        var freshState = Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SlackOAuth.StatePurpose)
            .ToTimeLimitedDataProtector().Protect("nonce-2", DateTimeOffset.UtcNow.AddMinutes(5));
        using var fresh = await CallbackAsync($"code=abc&state={Uri.EscapeDataString(freshState)}", SlackOAuth.StateCookie + "=nonce-2");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task App_uninstalled_removes_the_installation_and_the_workspace_is_no_longer_served()
    {
        await InstallAsync(DateTimeOffset.UtcNow.AddMinutes(-10));

        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "app_uninstalled" }));

        await WaitUntilAsync(async () => await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None) is null);
        await EventAsync(SlackRequests.Event(SlackRequests.DirectMessage("U0MEMBER", "help")));
        await Task.Delay(500);
        Assert.Empty(Slack.Messages);
    }

    [Fact]
    public async Task Tokens_revoked_for_the_bot_removes_the_installation_but_a_user_token_alone_does_not()
    {
        await InstallAsync(DateTimeOffset.UtcNow.AddMinutes(-10));

        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U0ADMIN") } }));
        await Task.Delay(500);
        Assert.NotNull(await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None));

        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["bot"] = new JsonArray("U0PEERBOT") } }));
        await WaitUntilAsync(async () => await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None) is null);
    }

    [Fact]
    public async Task A_late_uninstall_event_does_not_remove_a_newer_reinstall()
    {
        await InstallAsync(DateTimeOffset.UtcNow);

        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "app_uninstalled" }, at: DateTimeOffset.UtcNow.AddMinutes(-5)));
        await Task.Delay(800);

        Assert.NotNull(await Installations.FindAsync(SlackRequests.Team, null, CancellationToken.None));
    }

    [Fact]
    public async Task Another_instance_on_the_same_storage_decrypts_the_token()
    {
        await InstallAsync(DateTimeOffset.UtcNow);

        await using var other = new BotHost("unused", new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = Host.TablePrefix,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
        });
        var installation = await other.Services.GetRequiredService<SlackInstallationStore>().FindAsync(SlackRequests.Team, null, CancellationToken.None);

        Assert.Equal(InstalledToken, installation!.BotToken);
    }

    private SlackInstallationStore Installations => Host.Services.GetRequiredService<SlackInstallationStore>();

    private TableNames Names => Host.Services.GetRequiredService<TableNames>();

    private static TableClient Table(string name) => new TableServiceClient(Azurite.ConnectionString).GetTableClient(name);

    private Task InstallAsync(DateTimeOffset at) => Installations.SaveAsync(new SlackInstallation
    {
        TeamId = SlackRequests.Team,
        BotToken = InstalledToken,
        BotUserId = "U0PEERBOT",
        InstalledAt = at,
    }, CancellationToken.None);

    private async Task<(string State, string Cookie)> StartInstallAsync()
    {
        using var install = await Client.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var location = install.Headers.Location!;
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("1111.2222", query["client_id"]);
        Assert.Equal(SlackOptions.DefaultScopes, query["scope"]);
        Assert.Equal("http://localhost/slack/oauth/callback", query["redirect_uri"]);
        var cookie = install.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Assert.StartsWith(SlackOAuth.StateCookie + "=", cookie, StringComparison.Ordinal);
        return (query["state"]!, cookie);
    }

    private async Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await Client.SendAsync(request);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 10 s.");
            await Task.Delay(100);
        }
    }
}
