namespace PeerBot.Matching;

/// <summary>What the reply says about how a query was read, and the searches it offers next.</summary>
internal static class Replies
{
    public const string WhichArea = "You didn't say which area, so here are front-line supervisors from every area. Which area do you mean? Pick one below.";

    // Areas offered to narrow a search, with the family each one reads as.
    private static readonly (string Word, string Function)[] Areas =
    [
        ("retail", "retail"),
        ("warehouse", "supply-chain"),
        ("manufacturing", "manufacturing"),
        ("restaurant", "restaurant"),
        ("hospital", "healthcare-admin"),
        ("contact center", "customer-success"),
        ("construction", "construction"),
    ];

    /// <summary>A sentence about a word with several meanings, when context or habit (not the query) decided it.</summary>
    public static string? Sense(SenseChoice choice, Sector? askerSector, string? industryFilter)
    {
        if (choice.By is SenseDecider.Neighbour or SenseDecider.OtherFunction || choice.Meaning is null)
        {
            return null;
        }
        var why = choice.By == SenseDecider.Sector
            ? industryFilter is not null ? $"since you asked for industry {industryFilter}" : askerSector is null ? "from your profile" : $"since your organization is in {askerSector.Name}"
            : "its most common meaning";
        var more = choice.Others.Count > 0 ? " For another meaning, pick one below." : "";
        return $"I read “{choice.Word}” as {choice.Meaning}, {why}.{more}";
    }

    public static string Area(AreaSource area, IReadOnlyList<RoleReading> readings, Sector? sector)
    {
        var names = string.Join(" and ", readings.Select(r => r.Function.Name).Distinct());
        return area == AreaSource.AskerFunction
            ? $"You didn't name an area, so I looked in your own: {names}. For another area, pick one below."
            : $"You didn't name an area, so I looked in your organization's: {names}{(sector is null ? "" : $" ({sector.Name})")}. For another area, pick one below.";
    }

    /// <summary>The query again, narrowed to areas other than those already searched ("shift supervisor retail").</summary>
    public static List<string> AreaChoices(string roleText, IEnumerable<JobFunction> searched)
    {
        var skip = searched.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var text = roleText.Trim();
        return [.. Areas.Where(a => !skip.Contains(a.Function)).Select(a => $"{text} {a.Word}").Take(6)];
    }

    public static string ByTitleWords(IReadOnlyList<string> words) =>
        $"I don't know that role yet, so I searched titles for these words: {string.Join(", ", words.Select(w => $"“{w}”"))}.";
}
