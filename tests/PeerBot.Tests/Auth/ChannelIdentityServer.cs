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
/// Plays the Bot Framework's token service on loopback HTTPS: OpenID metadata and a key set whose keys
/// carry channel endorsements, as login.botframework.com publishes them. The SDK caches metadata per URL
/// for the life of the process, so there is one server per test run: the authentication tests' class fixture.
/// Disposing it takes the test certificate authority out of the system trust store again.
/// </summary>
public sealed class ChannelIdentityServer : IDisposable
{
    public const string Issuer = "https://api.botframework.test";
    public const string OAuthScope = "https://api.botframework.test/.default";

    private readonly WebApplication _app;
    private readonly LoopbackCertificates _certificates = new();

    public ChannelIdentityServer()
    {
        _certificates.Trust();
        Port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, listen => listen.UseHttps(_certificates.Server)));
        _app = builder.Build();
        _app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(Metadata()));
        _app.MapGet("/emulator/.well-known/openidconfiguration", () => Results.Json(Metadata()));
        _app.MapGet("/v1/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray([.. Published.Select(Jwk)]) }));
        _app.StartAsync().GetAwaiter().GetResult();
        WaitUntilTrusted();
    }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    public string MetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";

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
        _certificates.Untrust();
    }

    private IEnumerable<SigningKey> Published => [Teams, WebChatOnly, Unendorsed];

    /// <summary>The SDK settings that point every authentication endpoint at this server (all set: one switches the SDK to parameterized mode).</summary>
    public Dictionary<string, string?> BotSettings(string appId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppTenantId"] = Guid.Empty.ToString(),
        ["ChannelService"] = "",
        ["ValidateAuthority"] = "true",
        ["ToChannelFromBotLoginUrl"] = $"{BaseUrl}/login",
        ["ToChannelFromBotOAuthScope"] = OAuthScope,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["OAuthUrl"] = $"{BaseUrl}/oauth",
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = $"{BaseUrl}/emulator/.well-known/openidconfiguration",
        ["CallerId"] = "urn:botframework:test",
    };

    private JsonObject Metadata() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{BaseUrl}/authorize",
        ["jwks_uri"] = $"{BaseUrl}/v1/keys",
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

    // .NET re-reads the system trust store only every few seconds; wait until this process trusts the authority.
    private void WaitUntilTrusted()
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                client.GetAsync(MetadataUrl).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
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
