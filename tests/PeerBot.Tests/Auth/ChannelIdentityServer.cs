using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Auth;

/// <summary>
/// Plays the Bot Framework's token service, login.botframework.com, on loopback: OpenID metadata and a key set whose
/// keys carry channel endorsements, as it publishes them. The bot reaches it through <see cref="Handler"/>, the
/// primary handler the tests give the bot's identity client, which sends requests for login.botframework.com here
/// (over plain HTTP on loopback: nothing is trusted or installed on the machine). The SDK caches metadata per URL for
/// the life of the process, so there is one server for the authentication tests: their class fixture.
/// </summary>
public sealed class ChannelIdentityServer : IDisposable
{
    /// <summary>The issuer of channel tokens in the public cloud, as the SDK expects it.</summary>
    public const string Issuer = "https://api.botframework.com";

    /// <summary>The host whose metadata the SDK asks for.</summary>
    public const string Authority = "login.botframework.com";

    private readonly WebApplication _app;
    private int _metadataRequests;
    private int _keyRequests;

    public ChannelIdentityServer()
    {
        Port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(Metadata());
        });
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref _keyRequests);
            return Results.Json(new JsonObject { ["keys"] = new JsonArray([.. Published.Select(Jwk)]) });
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    /// <summary>How often the metadata and the key set were fetched.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeyRequests => Volatile.Read(ref _keyRequests);

    private static string BaseUrl => $"https://{Authority}";

    /// <summary>Endorsed for Teams: what the real channel signs with.</summary>
    public SigningKey Teams { get; } = new("teams-key", ["msteams"]);

    /// <summary>Published, but endorsed for another channel only.</summary>
    public SigningKey WebChatOnly { get; } = new("webchat-key", ["webchat"]);

    /// <summary>Published without any endorsements.</summary>
    public SigningKey Unendorsed { get; } = new("bare-key", null);

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    /// <summary>
    /// The bot's identity client's primary handler: requests for login.botframework.com come to this server; any
    /// other host is refused (the tests reach nothing off the machine).
    /// </summary>
    public HttpMessageHandler Handler() => new ToLoopback(Port) { InnerHandler = new SocketsHttpHandler() };

    private IEnumerable<SigningKey> Published => [Teams, WebChatOnly, Unendorsed];

    /// <summary>The bot's settings: a single-tenant bot in the public cloud, with the SDK's own endpoints.</summary>
    public static Dictionary<string, string?> BotSettings(string appId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppTenantId"] = Guid.Empty.ToString(),
    };

    private static JsonObject Metadata() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{BaseUrl}/v1/.well-known/authorize",
        ["jwks_uri"] = $"{BaseUrl}/v1/.well-known/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private static JsonObject Jwk(SigningKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (key.Endorsements is { } endorsements)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode?)e)]);
        }
        return jwk;
    }

    private sealed class ToLoopback(int port) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is not { Host: Authority } uri)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request });
            }
            request.RequestUri = new UriBuilder(uri) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>An RSA signing key as published (or not) in the key set, with its channel endorsements.</summary>
public sealed class SigningKey(string keyId, string[]? endorsements)
{
    public string KeyId { get; } = keyId;

    public string[]? Endorsements { get; } = endorsements;

    public RSA Rsa { get; } = RSA.Create(2048);

    public SigningCredentials Credentials => new(new RsaSecurityKey(Rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
}
