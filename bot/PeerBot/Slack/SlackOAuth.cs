using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PeerBot.Slack;

/// <summary>
/// "Add to Slack": <c>GET /slack/install</c> sends the installer to Slack with a signed, time-limited state
/// bound to a cookie in their browser; <c>GET /slack/oauth/callback</c> checks it, exchanges the code with
/// oauth.v2.access and stores the installation.
/// </summary>
public static partial class SlackOAuth
{
    public const string CallbackPath = "/slack/oauth/callback";
    public const string StateCookie = "peerbot_slack_oauth";
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    public const string StatePurpose = "PeerBot.Slack.OAuthState.v1";

    public static IResult Install(HttpContext http, IOptionsMonitor<SlackOptions> options, IDataProtectionProvider protection, IConfiguration configuration)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.ClientId) || string.IsNullOrEmpty(settings.ClientSecret))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Installing from this site is not set up.",
                detail: "Set Slack:ClientId and Slack:ClientSecret to offer the Slack install.");
        }
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var state = protection.CreateProtector(StatePurpose).ToTimeLimitedDataProtector().Protect(nonce, StateLifetime);
        http.Response.Cookies.Append(StateCookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = StateLifetime,
        });
        var url = QueryHelpers.AddQueryString(settings.AuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = settings.Scopes,
            ["redirect_uri"] = RedirectUri(http, settings, configuration).ToString(),
            ["state"] = state,
        });
        return Results.Redirect(url);
    }

    public static async Task<IResult> CallbackAsync(
        HttpContext http, IOptionsMonitor<SlackOptions> options, IDataProtectionProvider protection, SlackApi api,
        SlackInstallationStore installations, TimeProvider clock, IConfiguration configuration, ILoggerFactory loggers)
    {
        var settings = options.CurrentValue;
        var logger = loggers.CreateLogger("PeerBot.Slack");
        var query = http.Request.Query;
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = CallbackPath });
        if (query["error"] is { Count: > 0 } error)
        {
            return Page(StatusCodes.Status400BadRequest, "PeerBot was not installed", $"Slack said: {error}.");
        }
        if (!IsGenuine(query["state"].ToString(), http.Request.Cookies[StateCookie], protection))
        {
            return Page(StatusCodes.Status400BadRequest, "This install link has expired", "Start again from the Add to Slack button.");
        }
        if (string.IsNullOrEmpty(settings.ClientId) || string.IsNullOrEmpty(settings.ClientSecret) || query["code"].ToString() is not { Length: > 0 } code)
        {
            return Page(StatusCodes.Status400BadRequest, "PeerBot was not installed", "The request from Slack was incomplete.");
        }
        SlackInstallation installation;
        try
        {
            var access = await api.ExchangeCodeAsync(settings.ClientId, settings.ClientSecret, code, RedirectUri(http, settings, configuration), http.RequestAborted);
            installation = SlackInstallation.FromOAuth(access, clock.GetUtcNow());
        }
        catch (SlackApiException e)
        {
            LogExchangeFailed(logger, e.Error);
            return Page(StatusCodes.Status502BadGateway, "PeerBot was not installed", $"Slack did not accept the installation ({e.Error}). Please try again.");
        }
        await installations.SaveAsync(installation, http.RequestAborted);
        LogInstalled(logger, installation.TeamId, installation.EnterpriseId);
        return installation.AppId is { Length: > 0 } app && installation.TeamId.Length > 0
            ? Results.Redirect($"https://slack.com/app_redirect?app={Uri.EscapeDataString(app)}&team={Uri.EscapeDataString(installation.TeamId)}")
            : Page(StatusCodes.Status200OK, "PeerBot is installed", $"Open Slack and find PeerBot under Apps in {installation.TeamName ?? "your workspace"}.");
    }

    private static bool IsGenuine(string state, string? cookie, IDataProtectionProvider protection)
    {
        if (state.Length == 0 || string.IsNullOrEmpty(cookie))
        {
            return false;
        }
        try
        {
            var nonce = protection.CreateProtector(StatePurpose).ToTimeLimitedDataProtector().Unprotect(state);
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(cookie));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // Slack compares the redirect_uri of the authorize step and of the code exchange, so both use this one.
    private static Uri RedirectUri(HttpContext http, SlackOptions settings, IConfiguration configuration) =>
        settings.RedirectUri
        ?? (configuration["PublicBaseUrl"] is { Length: > 0 } publicBase ? new Uri(publicBase.TrimEnd('/') + CallbackPath) : null)
        ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{CallbackPath}");

    private static IResult Page(int status, string title, string message) => Results.Content(
        $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>" +
        $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "oauth.v2.access failed: {Error}")]
    private static partial void LogExchangeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot installed in Slack team {TeamId} (enterprise {EnterpriseId})")]
    private static partial void LogInstalled(ILogger logger, string teamId, string? enterpriseId);
}
