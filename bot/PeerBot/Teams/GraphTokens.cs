using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Identity.Client;

namespace PeerBot.Teams;

/// <summary>How asking for a Graph token for a tenant went.</summary>
public enum GraphTokenOutcome
{
    /// <summary>The request carries a token for the tenant.</summary>
    Authorized,

    /// <summary>No identity to ask with (local use), or one that cannot serve this tenant (a managed identity elsewhere).</summary>
    Unavailable,

    /// <summary>The tenant has not consented to the app (its admins have not granted it).</summary>
    ConsentMissing,

    /// <summary>The token service failed or did not answer; nothing is known about consent.</summary>
    Failed,
}

/// <summary>
/// Microsoft Graph tokens for the tenant a question is about. Graph answers about a team only to a token from that
/// team's tenant, so with an app registration (client id and secret in <c>MicrosoftAppId</c> and
/// <c>MicrosoftAppPassword</c>; a multi-tenant Entra app serves every tenant that consented) each tenant gets its own
/// token by client credentials against its own authority, through MSAL with its per-tenant cache. A managed identity
/// (no secret) gets tokens for its own tenant only (<c>MicrosoftAppTenantId</c>), through the SDK's credentials.
/// MSAL's HTTP client is the named client <see cref="HttpClientName"/>, so that tests answer token requests on loopback.
/// </summary>
public sealed partial class GraphTokens(
    IConfiguration configuration,
    ServiceClientCredentialsFactory credentials,
    IMsalHttpClientFactory msalHttp,
    ILogger<GraphTokens> logger)
{
    /// <summary>The named HttpClient MSAL's token requests go through.</summary>
    public const string HttpClientName = "EntraTokens";

    public const string DefaultAuthorityHost = "https://login.microsoftonline.com";

    /// <summary>The resource Graph tokens are issued for.</summary>
    public const string Audience = "https://graph.microsoft.com";

    // AADSTS codes meaning "this tenant has not (or no longer) granted the app": no service principal, no consent,
    // admin consent needed, or the app disabled there.
    private static readonly string[] ConsentCodes = ["AADSTS700016", "AADSTS65001", "AADSTS90094", "AADSTS7000112", "AADSTS650051", "AADSTS650052", "AADSTS500011"];

    private readonly ConcurrentDictionary<Guid, IConfidentialClientApplication> _apps = new();

    public string AppId => configuration["MicrosoftAppId"] ?? "";

    public bool Enabled => AppId.Length > 0;

    private string Secret => configuration["MicrosoftAppPassword"] ?? "";

    private string AuthorityHost => (configuration["Graph:AuthorityHost"] is { Length: > 0 } host ? host : DefaultAuthorityHost).TrimEnd('/');

    /// <summary>Where a tenant's admin grants the app (the link a consent notice gives).</summary>
    public string AdminConsentUrl(string tenantId) =>
        $"{AuthorityHost}/{Uri.EscapeDataString(tenantId)}/adminconsent?client_id={Uri.EscapeDataString(AppId)}";

    /// <summary>Puts a Graph token for <paramref name="tenantId"/> on the request, if one can be had.</summary>
    public async Task<GraphTokenOutcome> AuthorizeAsync(HttpRequestMessage request, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The tenant goes into the authority URL: only a well-formed GUID may.
        if (!Enabled || !Guid.TryParse(tenantId, out var tenant) || tenant == Guid.Empty)
        {
            return GraphTokenOutcome.Unavailable;
        }
        return Secret.Length > 0
            ? await ByClientCredentialsAsync(request, tenant, cancellationToken)
            : await BySdkIdentityAsync(request, tenant, cancellationToken);
    }

    private async Task<GraphTokenOutcome> ByClientCredentialsAsync(HttpRequestMessage request, Guid tenant, CancellationToken cancellationToken)
    {
        var app = _apps.GetOrAdd(tenant, t => ConfidentialClientApplicationBuilder.Create(AppId)
            .WithClientSecret(Secret)
            .WithAuthority($"{AuthorityHost}/{t:D}")
            .WithHttpClientFactory(msalHttp)
            .Build());
        try
        {
            var result = await app.AcquireTokenForClient([Audience + "/.default"]).ExecuteAsync(cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
            return GraphTokenOutcome.Authorized;
        }
        catch (MsalServiceException e) when (IsConsentMissing(e))
        {
            LogConsentMissing(logger, e.ErrorCode);
            return GraphTokenOutcome.ConsentMissing;
        }
        catch (MsalException e)
        {
            // Only the error code: messages can carry tenant and trace details.
            LogFailed(logger, e.ErrorCode);
            return GraphTokenOutcome.Failed;
        }
        catch (HttpRequestException e)
        {
            LogFailed(logger, e.GetType().Name);
            return GraphTokenOutcome.Failed;
        }
    }

    private async Task<GraphTokenOutcome> BySdkIdentityAsync(HttpRequestMessage request, Guid tenant, CancellationToken cancellationToken)
    {
        // A managed identity lives in one tenant and can ask for nothing else.
        if (Guid.TryParse(configuration["MicrosoftAppTenantId"], out var home) && home != tenant)
        {
            return GraphTokenOutcome.Unavailable;
        }
        var identity = await credentials.CreateCredentialsAsync(AppId, Audience, AuthenticationConstants.ToChannelFromBotLoginUrlTemplate, true, cancellationToken);
        await identity.ProcessHttpRequestAsync(request, cancellationToken);
        return GraphTokenOutcome.Authorized;
    }

    private static bool IsConsentMissing(MsalServiceException e)
    {
        var text = e.Message + " " + e.ResponseBody;
        return ConsentCodes.Any(code => text.Contains(code, StringComparison.Ordinal));
    }

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "A tenant has not consented to the app ({ErrorCode}); Graph is not asked about it.")]
    private static partial void LogConsentMissing(ILogger logger, string errorCode);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Graph token request failed ({Failure}).")]
    private static partial void LogFailed(ILogger logger, string failure);
}

/// <summary>MSAL's HTTP client, from the app's client factory (named <see cref="GraphTokens.HttpClientName"/>).</summary>
public sealed class MsalHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => clients.CreateClient(GraphTokens.HttpClientName);
}
