namespace PeerBot.Demo;

/// <summary>
/// Writes job titles the way people actually write them: the same role comes out as "VP Marketing",
/// "Vice President, Marketing" or "VP, Marketing EMEA". {N} is a name of the function, {S} one of its
/// specialties, {R} a sales region.
/// </summary>
public static class DemoTitles
{
    private static readonly Dictionary<DemoLevel, string[]> Patterns = new()
    {
        [DemoLevel.TeamLead] = ["{S} Team Lead", "Team Lead, {S}", "{N} Team Lead", "Lead, {S}", "{S} Supervisor"],
        [DemoLevel.Manager] = ["{N} Manager", "Manager, {S}", "{S} Manager", "Mgr, {S}"],
        [DemoLevel.SeniorManager] = ["Senior {N} Manager", "Sr. Mgr, {S}", "Senior Manager, {S}", "Sr. {S} Manager"],
        [DemoLevel.Director] = ["Director of {N}", "{N} Director {R}", "Head of {S}", "Head of {N}", "Director, {S}", "Sr. Director, {N}"],
        [DemoLevel.VicePresident] = ["VP {N}", "Vice President, {N}", "VP of {S}", "VP, {N} {R}", "Vice President of {N}", "VP {S}"],
        [DemoLevel.SeniorVicePresident] = ["SVP {N}", "Senior Vice President, {N}", "EVP, {N}", "EVP {N} {R}", "Executive Vice President of {N}"],
    };

    // A startup's leaders are "Head of", not directors of a department that does not exist yet.
    private static readonly string[] StartupHeads = ["Head of {N}", "Head of {S}"];

    /// <summary>Sales regions and the time zones their leaders live in.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Regions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["EMEA"] = ["Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Asia/Dubai", "Africa/Johannesburg"],
        ["APAC"] = ["Asia/Singapore", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata"],
        ["North America"] = ["America/New_York", "America/Chicago", "America/Toronto", "America/Los_Angeles"],
        ["LATAM"] = ["America/Sao_Paulo", "America/Mexico_City", "America/Bogota"],
        ["DACH"] = ["Europe/Berlin"],
        ["Nordics"] = ["Europe/Stockholm", "Europe/Helsinki"],
        ["UK & Ireland"] = ["Europe/London", "Europe/Dublin"],
        ["Iberia"] = ["Europe/Madrid", "Europe/Lisbon"],
    };

    /// <summary>The candidate patterns for a role; regional ones only where the organization has regions.</summary>
    public static IReadOnlyList<string> PatternsFor(DemoFunction function, DemoLevel level, DemoOrganization organization)
    {
        var candidates = new List<string>();
        if (level == DemoLevel.CLevel)
        {
            candidates.AddRange(function.ChiefTitles);
        }
        else if (!function.OwnTitlesOnly)
        {
            var common = organization.IsStartup && level == DemoLevel.Director ? StartupHeads : Patterns[level];
            candidates.AddRange(common.Where(p => !p.Contains("{S}", StringComparison.Ordinal) || function.Specialties.Count > 0));
        }
        if (function.ExtraTitles.TryGetValue(level, out var extra))
        {
            candidates.AddRange(extra);
        }
        var regional = organization.Headcount > 500;
        return candidates.Where(p => regional || !p.Contains("{R}", StringComparison.Ordinal)).ToList();
    }

    public static string Fill(string pattern, string noun, string specialty, string region) =>
        pattern.Replace("{N}", noun, StringComparison.Ordinal)
            .Replace("{S}", specialty, StringComparison.Ordinal)
            .Replace("{R}", region, StringComparison.Ordinal);
}
