namespace PeerBot.Profiles;

/// <summary>A member of the peer network: one leader, identified across channels by <see cref="Id"/>.</summary>
public sealed record Peer
{
    /// <summary>Stable member id, e.g. <c>msteams:{aadObjectId}</c> or <c>slack:{team}:{user}</c>.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Title { get; init; }
    /// <summary>Display name of the member's employer.</summary>
    public required string Organization { get; init; }
    /// <summary>
    /// What "same organization" is decided on: a Teams tenant, an email domain, or the declared name
    /// normalised, in that order of preference (see <see cref="OrganizationKey"/>).
    /// </summary>
    public required string OrganizationKey { get; init; }
    public int Headcount { get; init; }
    public string Industry { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public IReadOnlyList<string> Topics { get; init; } = [];
    public bool Discoverable { get; init; } = true;
    public string? Email { get; init; }
    /// <summary>Channel the member came from: msteams, slack, demo or import.</summary>
    public string Channel { get; init; } = "msteams";
    /// <summary>True for the fictional demo network, so it can be told apart and removed.</summary>
    public bool IsDemo { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string? EmailDomain => OrganizationKeys.EmailDomain(Email);
    public HeadcountBand Band => HeadcountBand.Of(Headcount);
}
