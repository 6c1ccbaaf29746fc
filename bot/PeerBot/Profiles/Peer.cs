namespace PeerBot.Profiles;

/// <summary>A member of the peer network: one leader, identified across channels by <see cref="Id"/>.</summary>
public sealed record Peer
{
    public const int DefaultMeetingMinutes = 30;

    /// <summary>The meeting lengths a member may choose, in minutes.</summary>
    public static readonly IReadOnlyList<int> MeetingLengths = [30, 45];

    /// <summary>Stable member id, e.g. <c>msteams:{aadObjectId}</c> or <c>slack:{team}:{user}</c>.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Title { get; init; }
    /// <summary>Display name of the member's employer.</summary>
    public required string Organization { get; init; }
    /// <summary>
    /// What "same organization" is decided on: a Teams tenant, an employer mail domain, or the declared name
    /// normalised. <see cref="ProfileStore"/> recomputes it from <see cref="Facts"/> under the deployment's
    /// <see cref="OrganizationPolicy"/> whenever it reads or writes a profile.
    /// </summary>
    public required string OrganizationKey { get; init; }
    public int Headcount { get; init; }
    public string Industry { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>Listed in search. While the member's tenant has removed PeerBot this is false (see <see cref="WithheldSince"/>).</summary>
    public bool Discoverable { get; init; } = true;
    public string? Email { get; init; }
    /// <summary>The Teams user principal name (sign-in name), from the roster; it opens a Teams chat.</summary>
    public string? Upn { get; init; }
    /// <summary>The Teams tenant the member uses PeerBot in (a guest's is the host's); null outside Teams.</summary>
    public string? TenantId { get; init; }
    /// <summary>A guest in <see cref="TenantId"/>: grouped by their own mail domain, never by the host.</summary>
    public bool IsGuest { get; init; }
    /// <summary>How the member likes to be reached (a phone number, a booking link); shown only once both accepted.</summary>
    public string PreferredContact { get; init; } = "";
    /// <summary>How long meetings this member asks for are: <see cref="MeetingLengths"/>.</summary>
    public int MeetingMinutes { get; init; } = DefaultMeetingMinutes;
    /// <summary>A personal meeting link (Teams, Zoom, Meet) for meetings this member organizes; empty when none.</summary>
    public string MeetingLink { get; init; } = "";
    /// <summary>Channel the member came from: msteams, slack, demo or import.</summary>
    public string Channel { get; init; } = "msteams";
    /// <summary>True for the fictional demo network, so it can be told apart and removed.</summary>
    public bool IsDemo { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Set while the member's tenant has removed PeerBot: they are out of search until it returns.</summary>
    public DateTimeOffset? WithheldSince { get; init; }
    /// <summary>The member's own <see cref="Discoverable"/> choice, restored when their tenant returns.</summary>
    public bool DiscoverableOnReturn { get; init; }

    /// <summary>
    /// The mail domain that names the member's employer, or null when their address says nothing about it (a public
    /// provider, a community's own domain, or a deployment that goes by declared names). Everyone with the same one
    /// counts as a colleague, whatever their organization key.
    /// </summary>
    public string? EmailDomain => OrganizationKey switch
    {
        _ when OrganizationKey.StartsWith("domain:", StringComparison.Ordinal) => OrganizationKey["domain:".Length..],
        _ when OrganizationKey.StartsWith("tenant:", StringComparison.Ordinal) => OrganizationKeys.EmailDomain(Email),
        _ => null,
    };

    /// <summary>What decides the member's organization. Profiles saved before tenants were stored carry it in their key.</summary>
    public OrganizationFacts Facts => new(
        TenantId ?? (OrganizationKey.StartsWith("tenant:", StringComparison.Ordinal) ? OrganizationKey["tenant:".Length..] : null),
        Email, Upn, IsGuest, Organization);

    public HeadcountBand Band => HeadcountBand.Of(Headcount);
}
