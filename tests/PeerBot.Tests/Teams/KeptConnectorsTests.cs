using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using PeerBot.Teams;

namespace PeerBot.Tests.Teams;

/// <summary>The SDK's ConnectorClient is built once per bot, service URL and audience, and survives the turns it is lent to.</summary>
public sealed class KeptConnectorsTests
{
    private const string Amer = "https://smba.trafficmanager.net/amer/";
    private const string Emea = "https://smba.trafficmanager.net/emea/";
    private const string Audience = "https://api.botframework.com";

    [Fact]
    public async Task A_client_is_built_once_and_a_turn_disposing_its_loan_does_not_end_it()
    {
        using var kept = new KeptConnectors();
        using var http = new HttpClient();
        var built = 0;
        Task<IConnectorClient> Create(string url)
        {
            built++;
            return Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(url), MicrosoftAppCredentials.Empty, http, disposeHttpClient: false));
        }
        var bot = Bot("app-1");

        var first = await kept.GetAsync(bot, Amer, Audience, () => Create(Amer));
        first.Dispose();
        var second = await kept.GetAsync(bot, Amer, Audience, () => Create(Amer));

        Assert.Equal(1, built);
        var client = Assert.IsType<ConnectorClient>(((IKeptConnector)second).Kept);
        Assert.Same(((IKeptConnector)first).Kept, client);
        Assert.NotNull(client.HttpClient);
        Assert.Equal(new Uri(Amer), second.BaseUri);
        Assert.Same(client.Conversations, second.Conversations);
    }

    [Fact]
    public async Task Another_service_url_audience_or_bot_gets_its_own_client()
    {
        using var kept = new KeptConnectors();
        using var http = new HttpClient();
        var built = new List<string>();
        Func<Task<IConnectorClient>> Create(string label, string url) => () =>
        {
            built.Add(label);
            return Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(url), MicrosoftAppCredentials.Empty, http, disposeHttpClient: false));
        };

        await kept.GetAsync(Bot("app-1"), Amer, Audience, Create("amer", Amer));
        await kept.GetAsync(Bot("app-1"), Emea, Audience, Create("emea", Emea));
        await kept.GetAsync(Bot("app-1"), Amer, "https://other.example", Create("other audience", Amer));
        await kept.GetAsync(Bot("app-2"), Amer, Audience, Create("other bot", Amer));
        await kept.GetAsync(Bot("app-1"), Emea, Audience, Create("emea again", Emea));

        Assert.Equal(["amer", "emea", "other audience", "other bot"], built);
    }

    private static ClaimsIdentity Bot(string appId) => new([new Claim(AuthenticationConstants.AudienceClaim, appId)]);
}
