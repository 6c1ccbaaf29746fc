namespace PeerBot.Profiles;

/// <summary>How a deployment tells organizations apart (<c>Organizations:IdentifyBy</c>).</summary>
public enum OrganizationRule
{
    /// <summary>A Teams tenant is the employer's directory; without one, the employer mail domain, then the declared name.</summary>
    Tenant,

    /// <summary>The employer mail domain, then the declared name; tenants are ignored.</summary>
    EmailDomain,

    /// <summary>Only the organization members name on their profile.</summary>
    Declared,
}

/// <summary>What decides a member's organization, as their channel and their profile tell it.</summary>
/// <param name="TenantId">The Teams tenant they signed in to (for a guest: the host's); null outside Teams.</param>
/// <param name="Email">Their email address, as the roster (or Slack) gives it.</param>
/// <param name="Upn">Their Teams user principal name.</param>
/// <param name="IsGuest">A guest in the tenant (roster userRole "guest", or #EXT# in the UPN).</param>
public sealed record OrganizationFacts(string? TenantId, string? Email, string? Upn, bool IsGuest, string DeclaredOrganization);

/// <summary>The deployment's settings: <c>Organizations:IdentifyBy</c> and <c>Organizations:CommunityTenants</c>.</summary>
public sealed class OrganizationOptions
{
    public const string Section = "Organizations";

    public OrganizationRule IdentifyBy { get; set; } = OrganizationRule.Tenant;

    /// <summary>Tenants whose members come from many employers (an association, an alumni network).</summary>
    public List<string> CommunityTenants { get; set; } = [];
}

/// <summary>
/// The rule in force. Under <see cref="OrganizationRule.Tenant"/> a member's tenant is their organization, except that
/// a guest is grouped by the domain of their own email (never by the host), and members of a community tenant by
/// their employer's mail domain, else by the organization they declared. Public mail domains never group anyone, nor
/// does a community tenant's own domain (the one its members sign in with), which says nothing about the employer.
/// </summary>
public sealed class OrganizationPolicy(OrganizationRule rule, IEnumerable<string> communityTenants)
{
    public static readonly OrganizationPolicy Default = new(OrganizationRule.Tenant, []);

    private readonly HashSet<string> _community = new(communityTenants.Select(t => t.Trim()).Where(t => t.Length > 0), StringComparer.OrdinalIgnoreCase);

    public OrganizationRule Rule { get; } = rule;

    public bool IsCommunity(string? tenantId) => tenantId is { Length: > 0 } && _community.Contains(tenantId.Trim());

    public string KeyFor(OrganizationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (Rule == OrganizationRule.Declared)
        {
            return "name:" + OrganizationKeys.NormaliseName(facts.DeclaredOrganization);
        }
        if (Rule == OrganizationRule.Tenant && facts.TenantId is { Length: > 0 } tenant && !facts.IsGuest && !IsCommunity(tenant))
        {
            return "tenant:" + tenant.Trim().ToLowerInvariant();
        }
        return EmployerDomain(facts) is { } domain ? "domain:" + domain : "name:" + OrganizationKeys.NormaliseName(facts.DeclaredOrganization);
    }

    /// <summary>The mail domain that names the member's employer, or null when their address says nothing about it.</summary>
    public string? EmployerDomain(OrganizationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var email = facts.IsGuest ? OrganizationKeys.GuestHomeEmail(facts.Email, facts.Upn) : facts.Email;
        var domain = OrganizationKeys.EmailDomain(email);
        if (domain is null || facts.IsGuest || !IsCommunity(facts.TenantId))
        {
            return domain;
        }
        // A community's own addresses (its sign-in domain, or the tenant's onmicrosoft.com one) are everyone's.
        var own = domain.EndsWith(".onmicrosoft.com", StringComparison.Ordinal) || domain == OrganizationKeys.DomainOf(facts.Upn);
        return own ? null : domain;
    }

    /// <summary>The profile with its key recomputed from its facts under this rule.</summary>
    public Peer Apply(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var key = KeyFor(peer.Facts);
        return key == peer.OrganizationKey ? peer : peer with { OrganizationKey = key };
    }

    /// <summary>
    /// The line under the organization field of the profile form: which rule applies to this member, in their terms
    /// ("Colleagues at Contoso (contoso.com) are never suggested as peers.").
    /// </summary>
    public string Describe(OrganizationFacts facts, string organization)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var at = string.IsNullOrWhiteSpace(organization) ? "your organization" : organization.Trim();
        var key = KeyFor(facts);
        var domain = key.StartsWith("domain:", StringComparison.Ordinal) ? key["domain:".Length..] : null;
        if (key.StartsWith("tenant:", StringComparison.Ordinal))
        {
            var mail = OrganizationKeys.EmailDomain(facts.Email);
            return mail is null
                ? $"Colleagues at {at} are never suggested as peers: everyone in your Microsoft 365 organization counts as {at}."
                : $"Colleagues at {at} ({mail}) are never suggested as peers: everyone in your Microsoft 365 organization counts as {at}.";
        }
        if (domain is not null)
        {
            return facts.IsGuest
                ? $"You are a guest here, so you count as {at} ({domain}): colleagues at {domain} are never suggested as peers; members of the organization hosting you can be."
                : $"Colleagues at {at} ({domain}) are never suggested as peers.";
        }
        return Rule == OrganizationRule.Declared
            ? "Leaders who name the same organization as you are never suggested as peers, so name your employer as your colleagues would."
            : "Your email does not name your employer, so leaders who name the same organization as you are never suggested as peers.";
    }
}
