using Microsoft.AspNetCore.DataProtection;

namespace PeerBot.Privacy;

/// <summary>
/// Export files are fetched through a short-lived link the bot signs, so the file goes straight to the member's
/// browser and works the same in Teams and Slack. The link names nobody: the member id is inside the sealed token.
/// </summary>
public sealed class ExportLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("PeerBot.Privacy.Export").ToTimeLimitedDataProtector();

    public string Create(string memberId)
    {
        var token = _protector.Protect(memberId, Lifetime);
        var baseUrl = (configuration["PublicBaseUrl"] ?? "http://127.0.0.1:3978").TrimEnd('/');
        return $"{baseUrl}/privacy/export/{Uri.EscapeDataString(token)}";
    }

    /// <summary>The member the token was made for, or null when it is forged or expired.</summary>
    public string? Open(string token)
    {
        try
        {
            return _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
