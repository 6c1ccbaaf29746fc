using System.Globalization;
using System.Text;

namespace PeerBot.Profiles;

/// <summary>
/// Decides what counts as "the same organization" (an employer). Keys look like <c>tenant:{id}</c>,
/// <c>domain:{employer mail domain}</c> or <c>name:{declared name, normalised}</c>; which one a member gets depends
/// on the deployment's <see cref="OrganizationPolicy"/> and on what the channel says about the member.
/// </summary>
public static class OrganizationKeys
{
    // Public mail providers say nothing about the employer.
    private static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "web.de",
        "msn.com", "mail.com", "yandex.com", "zoho.com", "fastmail.com", "hey.com",
    };

    /// <summary>The Teams guest marker in a user principal name (<c>name_home.com#EXT#@host.onmicrosoft.com</c>).</summary>
    public const string GuestMarker = "#EXT#";

    /// <summary>The key under the default rule (a tenant wins, then an employer mail domain, then the declared name).</summary>
    public static string For(string? tenantId, string? email, string declaredOrganization) =>
        OrganizationPolicy.Default.KeyFor(new OrganizationFacts(tenantId, email, null, false, declaredOrganization));

    /// <summary>The domain of an email address, lower case; null for no address or a public mail provider.</summary>
    public static string? EmailDomain(string? email)
    {
        var domain = DomainOf(email);
        return domain is null || PublicMailDomains.Contains(domain) ? null : domain;
    }

    /// <summary>The domain part of an address (public providers included), lower case; null when there is none.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var at = address.LastIndexOf('@');
        if (at < 1 || at == address.Length - 1)
        {
            return null;
        }
        var domain = address[(at + 1)..].Trim().ToLowerInvariant();
        return domain.Contains('.', StringComparison.Ordinal) && !domain.Contains(' ', StringComparison.Ordinal) ? domain : null;
    }

    public static bool IsPublicMailDomain(string domain) => PublicMailDomains.Contains(domain);

    /// <summary>A Teams guest: the roster says <c>userRole</c> "guest", or the UPN carries <c>#EXT#</c>.</summary>
    public static bool IsGuest(string? userRole, string? upn) =>
        string.Equals(userRole, "guest", StringComparison.OrdinalIgnoreCase)
        || (upn?.Contains(GuestMarker, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>
    /// A guest's own address: the roster's email when it is a real one, else recovered from the guest UPN
    /// (<c>ana_fabrikam.com#EXT#@host.onmicrosoft.com</c> → <c>ana@fabrikam.com</c>; a domain never holds '_',
    /// so the last one is the '@').
    /// </summary>
    public static string? GuestHomeEmail(string? email, string? upn)
    {
        if (DomainOf(email) is not null && !email!.Contains(GuestMarker, StringComparison.OrdinalIgnoreCase))
        {
            return email.Trim();
        }
        if (upn is null)
        {
            return null;
        }
        var marker = upn.IndexOf(GuestMarker, StringComparison.OrdinalIgnoreCase);
        if (marker <= 0)
        {
            return null;
        }
        var local = upn[..marker];
        var underscore = local.LastIndexOf('_');
        if (underscore < 1 || underscore == local.Length - 1)
        {
            return null;
        }
        var recovered = local[..underscore] + "@" + local[(underscore + 1)..];
        return DomainOf(recovered) is null ? null : recovered;
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
