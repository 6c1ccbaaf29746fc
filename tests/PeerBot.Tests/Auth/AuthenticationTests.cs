using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Teams;
using PeerBot.Tests.Privacy;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Auth;

/// <summary>
/// With MicrosoftAppId set, /api/messages accepts only tokens the SDK's own channel validation accepts:
/// signed by a published key endorsed for the activity's channel, from the channel issuer, for this bot,
/// unexpired, and naming the activity's serviceUrl. The bot runs its production configuration; only its identity
/// client's transport is the test's, which answers for login.botframework.com from a loopback server.
/// </summary>
public sealed class AuthenticationTests(ChannelIdentityServer identity) : IAsyncLifetime, IClassFixture<ChannelIdentityServer>
{
    private const string AppId = "6b0e4f2a-3c1d-4e8f-9a7b-2d5c8e1f0a93";

    private readonly ConnectorStub _connector = new();
    private readonly CapturedLogs _logs = new();
    private readonly ChannelIdentityServer _identity = identity;
    private BotHost _host = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotHost("auth", ChannelIdentityServer.BotSettings(AppId));
        _app = _host.WithWebHostBuilder(web => web
            .ConfigureLogging(_logs.AttachTo)
            .ConfigureTestServices(services =>
            {
                services.AddSingleton<ServiceClientCredentialsFactory>(new TestCredentials(AppId));
                services.AddHttpClient(TeamsSetup.IdentityClient).ConfigurePrimaryHttpMessageHandler(_identity.Handler);
            }));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private ChannelToken Valid => new(AppId, _connector.ServiceUrl, _identity.Teams.Credentials);

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_bot_replies()
    {
        var activity = Activities.Message(_connector.ServiceUrl, "u-auth-ok", "help");

        using var response = await PostAsync(activity, "Bearer " + Valid.Encode());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await _connector.WaitForAsync(Activities.PersonalConversation("u-auth-ok"), 1);
        Assert.NotEmpty(replies);
        // The metadata and keys came through the injected client (the SDK keeps them for the process after that).
        Assert.True(_identity.MetadataRequests > 0 && _identity.KeyRequests > 0);
    }

    /// <summary>Each forgery, and the reason the SDK gives for refusing it (so a 401 for the wrong reason fails).</summary>
    public static TheoryData<string, string> Forgeries => new()
    {
        { "no authorization header", "No Authorization header" },
        { "not a bearer token", "No valid identity" },
        { "garbage token", "The token is not valid: ArgumentException" },
        { "wrong audience", "Invalid AppId passed on token" },
        { "expired", "The token has expired" },
        { "wrong issuer", "No valid identity" },
        { "bad signature", "The token is not valid: SecurityTokenInvalidSignatureException" },
        { "unsigned", "The token is not valid: SecurityTokenInvalidSignatureException" },
        { "key endorsed for another channel", "Could not validate endorsement for key: webchat-key" },
        { "key without endorsements", "Could not validate endorsement key." },
        { "channel not endorsed for the key", "Could not validate endorsement for key: teams-key" },
        { "serviceUrl differs from the claim", "serviceurl claim mismatch" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Anything_but_a_valid_channel_token_gets_401_and_the_bot_does_nothing(string forgery, string reason)
    {
        var user = "u-forged-" + forgery.Replace(' ', '-');
        var activity = Activities.Message(_connector.ServiceUrl, user, "help");
        string? header = forgery switch
        {
            "no authorization header" => null,
            "not a bearer token" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:secret")),
            "garbage token" => "Bearer not.a.jwt",
            "wrong audience" => Bearer(Valid with { Audience = Guid.NewGuid().ToString() }),
            "expired" => Bearer(Valid with { Expires = DateTime.UtcNow.AddMinutes(-10) }),
            "wrong issuer" => Bearer(Valid with { Issuer = "https://api.botframework.test" }),
            "bad signature" => Bearer(Valid with { Signing = new SigningKey(_identity.Teams.KeyId, ["msteams"]).Credentials }),
            "unsigned" => Bearer(Valid with { Signing = null }),
            "key endorsed for another channel" => Bearer(Valid with { Signing = _identity.WebChatOnly.Credentials }),
            "key without endorsements" => Bearer(Valid with { Signing = _identity.Unendorsed.Credentials }),
            "channel not endorsed for the key" => Bearer(Valid),
            "serviceUrl differs from the claim" => Bearer(Valid with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        if (forgery == "channel not endorsed for the key")
        {
            activity["channelId"] = "webchat";
        }

        using var response = await PostAsync(activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refusals = _logs.Records.Where(r => r.Level == LogLevel.Error && r.Message.StartsWith("System.UnauthorizedAccessException", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Any(r => r.Message.Contains(reason, StringComparison.Ordinal)), $"Expected the refusal '{reason}', got: {string.Join(" | ", refusals.Select(r => r.Message.Split('\n')[0]))}");
        await Task.Delay(200);
        Assert.Empty(_connector.SentTo(Activities.PersonalConversation(user)));
    }

    private static string Bearer(ChannelToken token) => "Bearer " + token.Encode();

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await _client.SendAsync(request);
    }
}
