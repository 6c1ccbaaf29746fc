using PeerBot.Profiles;

namespace PeerBot.Matching;

/// <summary>How a peer's role stands to the role asked for.</summary>
public enum RoleRelation
{
    SameRole,
    OneLevelUp,
    OneLevelDown,
    TwoLevelsApart,
    RelatedFunction,
    RelatedFunctionNearLevel,
    SameFunction,

    /// <summary>The level asked for, in an area the query did not name ("shift supervisor").</summary>
    AnyArea,
}

/// <summary>
/// The score of a match, in points. Role closeness comes first and its steps are wider than everything
/// else together (at most <see cref="MaxSecondary"/>), so size, topics and specialty only order peers
/// within one step: a Marketing Manager never outranks a CMO for "VP marketing".
/// </summary>
internal static class Ranking
{
    public const int SameRole = 100;
    public const int OneLevelApart = 70;
    public const int TwoLevelsApart = 45;
    public const int RelatedFunction = 40;
    public const int RelatedFunctionNearLevel = 12;
    public const int SameSpecialty = 8;
    public const int PerSharedTopic = 3;
    public const int MaxTopics = 6;
    public const int SameIndustry = 2;
    /// <summary>At most this much for answering intro requests and showing up (<see cref="IPeerStanding"/>).</summary>
    public const int MaxStanding = 2;
    public const int MaxSecondary = SameSpecialty + 6 + MaxTopics + SameIndustry + MaxStanding;

    /// <summary>Size closeness by distance between headcount bands.</summary>
    public static int Size(int askerBand, int peerBand) =>
        askerBand < 0 || peerBand < 0 ? 0 : Math.Abs(askerBand - peerBand) switch { 0 => 6, 1 => 4, 2 => 2, _ => 0 };

    /// <summary>For a query that names no level: more senior peers first, all within one function.</summary>
    public static int AnyLevel(int rank) => 60 + (5 * rank);

    public static string Reason(RoleRelation relation, RoleReading reading, JobFunction peerFunction, SeniorityLevel peerLevel,
        string? sharedSpecialty, HeadcountBand? similarSize, IReadOnlyList<string> sharedTopics, string? sameIndustry)
    {
        var parts = new List<string>(4)
        {
            relation switch
            {
                RoleRelation.SameRole => reading.ReadAs is null ? "Same role" : $"Same role ({reading.ReadAs})",
                RoleRelation.OneLevelUp => $"Same function, one level up ({peerLevel.Name})",
                RoleRelation.OneLevelDown => $"Same function, one level down ({peerLevel.Name})",
                RoleRelation.TwoLevelsApart => $"Same function, two levels apart ({peerLevel.Name})",
                RoleRelation.RelatedFunction => $"Related function ({peerFunction.Name}), same level",
                RoleRelation.RelatedFunctionNearLevel => $"Related function ({peerFunction.Name}), one level apart",
                RoleRelation.AnyArea => $"{peerLevel.Name} in {peerFunction.Name.ToLowerInvariant()}",
                _ => $"{peerFunction.Name} ({peerLevel.Name})",
            },
        };
        if (sharedSpecialty is not null)
        {
            parts.Add("same focus: " + sharedSpecialty);
        }
        if (similarSize is { } band)
        {
            parts.Add($"similar size ({band.Label})");
        }
        if (sharedTopics.Count > 0)
        {
            parts.Add((sharedTopics.Count == 1 ? "shared topic: " : "shared topics: ") + string.Join(", ", sharedTopics));
        }
        if (sameIndustry is not null)
        {
            parts.Add($"same industry ({sameIndustry})");
        }
        return string.Join(" · ", parts);
    }
}
