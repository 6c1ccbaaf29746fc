using System.Globalization;
using System.Text;

namespace PeerBot.Profiles;

/// <summary>
/// Decides what counts as "the same organization". A Teams tenant is the employer's directory, so it
/// wins; an email domain is next; a declared name is the last resort, normalised so that
/// "Contoso, Inc." and "contoso inc" agree.
/// </summary>
public static class OrganizationKeys
{
    // Public mail providers say nothing about the employer.
    private static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "web.de",
    };

    public static string For(string? tenantId, string? email, string declaredOrganization)
    {
        if (!string.IsNullOrWhiteSpace(tenantId))
        {
            return "tenant:" + tenantId.Trim().ToLowerInvariant();
        }
        var domain = EmailDomain(email);
        if (domain is not null && !PublicMailDomains.Contains(domain))
        {
            return "domain:" + domain;
        }
        return "name:" + NormaliseName(declaredOrganization);
    }

    public static string? EmailDomain(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        var at = email.LastIndexOf('@');
        if (at < 1 || at == email.Length - 1)
        {
            return null;
        }
        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        return PublicMailDomains.Contains(domain) ? null : domain;
    }

    public static string NormaliseName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("inc" or "ltd" or "llc" or "gmbh" or "corp" or "co" or "plc" or "ag" or "sa" or "the"));
        return string.Join('-', words);
    }
}
