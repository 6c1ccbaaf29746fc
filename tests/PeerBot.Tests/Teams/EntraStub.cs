using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PeerBot.Tests.Teams;

/// <summary>
/// The Microsoft identity platform's token endpoint on loopback: client credentials per tenant
/// (<c>POST /{tenant}/oauth2/v2.0/token</c>), answered with <c>token-for-{tenant}</c> for tenants that consented to
/// the app and with Entra's AADSTS700016 error for the others; plus MSAL's instance discovery. The bot reaches it
/// through MSAL's HTTP client, which <see cref="Redirect"/> points here, so nothing on the machine changes.
/// </summary>
public sealed class EntraStub : IAsyncDisposable
{
    private static readonly int[] BadSecret = [7000215];
    private static readonly int[] NotConsented = [700016];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Tenant, string ClientId, string Scope)> _requests = new();

    public EntraStub(string appId, string secret)
    {
        _app = LoopbackApp.Create(0);
        _app.MapGet("/common/discovery/instance", (HttpRequest request) => Results.Json(new JsonObject
        {
            ["tenant_discovery_endpoint"] = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = "login.microsoftonline.com",
                ["preferred_cache"] = "login.windows.net",
                ["aliases"] = new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
            }),
        }));
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _requests.Enqueue((tenant, form["client_id"].ToString(), form["scope"].ToString()));
            if (form["grant_type"] != "client_credentials" || form["client_id"] != appId || form["client_secret"] != secret)
            {
                return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided.", error_codes = BadSecret }, statusCode: 401);
            }
            if (!Consented.Contains(tenant))
            {
                return Results.Json(new
                {
                    error = "unauthorized_client",
                    error_description = $"AADSTS700016: Application with identifier '{appId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
                    error_codes = NotConsented,
                }, statusCode: 400);
            }
            return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = TokenFor(tenant) });
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Port = new Uri(_app.Urls.First()).Port;
    }

    public int Port { get; }

    /// <summary>Tenants whose admins consented to the app.</summary>
    public ConcurrentBag<string> Consented { get; } = [];

    /// <summary>Every token request: the tenant in the authority, the client id, the scope.</summary>
    public IReadOnlyList<(string Tenant, string ClientId, string Scope)> Requests => [.. _requests];

    public static string TokenFor(string tenant) => "token-for-" + tenant;

    /// <summary>MSAL's HTTP handler: requests for login.microsoftonline.com go to this stub on loopback instead.</summary>
    public HttpMessageHandler Redirect() => new ToLoopback(Port);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ToLoopback(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { Host: "login.microsoftonline.com" } uri)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
