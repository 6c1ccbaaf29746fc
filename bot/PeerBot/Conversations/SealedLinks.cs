using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PeerBot.Conversations;

/// <summary>
/// Links the bot hands out (an export file, a chart image) that carry what they point at inside a sealed,
/// time-limited token: nothing is stored for them, and a link can be neither guessed nor altered.
/// </summary>
public sealed class SealedLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    private const int LongestToken = 4096;

    /// <summary>Where members' browsers (and Slack's image fetcher) reach the bot: <c>PublicBaseUrl</c>.</summary>
    public Uri PublicBaseUrl { get; } = new((configuration["PublicBaseUrl"] ?? "http://127.0.0.1:3978").TrimEnd('/') + "/");

    /// <summary>True when the base URL is one the internet can reach over HTTPS (not the local default).</summary>
    public bool IsPublic => PublicBaseUrl.Scheme == Uri.UriSchemeHttps && !PublicBaseUrl.IsLoopback;

    public string Create(string purpose, string path, string value, TimeSpan lifetime, string suffix = "")
    {
        var token = Protector(purpose).Protect(value, lifetime);
        return new Uri(PublicBaseUrl, $"{path.Trim('/')}/{Uri.EscapeDataString(token)}{suffix}").ToString();
    }

    /// <summary>The value sealed in the token, or null when the token is forged, altered or expired.</summary>
    public string? Open(string purpose, string token)
    {
        if (token.Length > LongestToken)
        {
            return null;
        }
        try
        {
            return Protector(purpose).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector(string purpose) => protection.CreateProtector(purpose).ToTimeLimitedDataProtector();
}
