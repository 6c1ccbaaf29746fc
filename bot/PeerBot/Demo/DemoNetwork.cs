using System.Globalization;
using System.Text;
using PeerBot.Profiles;

namespace PeerBot.Demo;

/// <summary>One demo profile and the role it was generated for.</summary>
public sealed record DemoLeader(Peer Peer, DemoFunction Function, DemoLevel Level, DemoOrganization Organization);

/// <summary>
/// The fictional network a fresh installation shows, so that /findpeer has answers before real members
/// join. Generated from a fixed seed: every installation, and every run, gets the same people.
/// </summary>
public static class DemoNetwork
{
    public const int Seed = 4_711;
    public const string Channel = "demo";

    private static readonly (DemoLevel Level, int Weight)[] LevelWeights =
    [
        (DemoLevel.TeamLead, 3), (DemoLevel.Manager, 4), (DemoLevel.SeniorManager, 3), (DemoLevel.Director, 5),
        (DemoLevel.VicePresident, 4), (DemoLevel.SeniorVicePresident, 3), (DemoLevel.CLevel, 2),
    ];

    private static readonly string[] FounderTitles = ["Founder & CEO", "Co-founder & CEO", "CEO", "Founder", "Managing Director"];
    private static readonly string[] ChiefExecutiveTitles = ["CEO", "Chief Executive Officer", "President & CEO", "Group CEO"];

    /// <summary>The whole network; <paramref name="asOf"/> anchors the profiles' last-updated times.</summary>
    public static IReadOnlyList<DemoLeader> Generate(DateTimeOffset asOf)
    {
        var random = new Random(Seed);
        var takenNames = new HashSet<string>(StringComparer.Ordinal);
        var leaders = new List<DemoLeader>();
        for (var i = 0; i < DemoOrganizations.All.Count; i++)
        {
            var organization = DemoOrganizations.All[i];
            foreach (var (function, level, showcase) in Roles(organization, i, random))
            {
                var id = "demo:" + (leaders.Count + 1).ToString("0000", CultureInfo.InvariantCulture);
                leaders.Add(Leader(id, organization, function, level, showcase, random, takenNames, asOf));
            }
        }
        return leaders;
    }

    /// <summary>
    /// Roles placed on purpose, so that the examples the bot itself suggests ("VP marketing", "CFO",
    /// "Director of engineering", "Head of customer success") find several peers: (function, level,
    /// every how many organizations, starting where).
    /// </summary>
    private static readonly (string Function, DemoLevel Level, int Every, int Offset)[] Showcase =
    [
        ("Marketing", DemoLevel.VicePresident, 5, 1),
        ("Finance", DemoLevel.CLevel, 6, 3),
        ("Engineering", DemoLevel.Director, 7, 2),
        ("Customer Success", DemoLevel.Director, 8, 5),
    ];

    /// <summary>Who leads at an organization: always a chief executive, the showcase roles, and a few roles drawn at random.</summary>
    private static List<(DemoFunction Function, DemoLevel Level, bool Showcase)> Roles(DemoOrganization organization, int index, Random random)
    {
        var general = DemoFunctions.Named(DemoFunctions.GeneralManagement);
        var roles = new List<(DemoFunction Function, DemoLevel Level, bool Showcase)> { (general, DemoLevel.CLevel, false) };
        foreach (var (function, level, every, offset) in Showcase)
        {
            if (index % every == offset && Exists(level, organization))
            {
                roles.Add((DemoFunctions.Named(function), level, true));
            }
        }
        var size = 1 + (organization.IsStartup ? 3 : 4 + random.Next(3));
        var functions = DemoFunctions.All
            .Where(f => f.OnlyIn is null || f.OnlyIn.Contains(organization.Industry))
            .ToList();
        // Small companies have the odd VP, but mostly heads of function.
        var levels = LevelWeights
            .Where(l => Exists(l.Level, organization))
            .Select(l => l.Level == DemoLevel.VicePresident && organization.Headcount <= 200 ? (l.Level, Weight: 1) : l)
            .ToList();
        for (var attempt = 0; roles.Count < size && attempt < 200; attempt++)
        {
            var function = Pick(functions, f => f.Weight, random);
            var level = Pick(levels, l => l.Weight, random).Level;
            var taken = roles.Any(r => r.Function == function && r.Level == level);
            var belowGeneralManagement = function.OwnTitlesOnly && level < DemoLevel.Director;
            if (!taken && !belowGeneralManagement && DemoTitles.PatternsFor(function, level, organization).Count > 0)
            {
                roles.Add((function, level, false));
            }
        }
        return roles;
    }

    private static bool Exists(DemoLevel level, DemoOrganization organization) => level switch
    {
        DemoLevel.SeniorManager or DemoLevel.VicePresident => !organization.IsStartup,
        DemoLevel.SeniorVicePresident => organization.IsEnterprise,
        _ => true,
    };

    private static DemoLeader Leader(string id, DemoOrganization organization, DemoFunction function, DemoLevel level, bool showcase,
        Random random, HashSet<string> takenNames, DateTimeOffset asOf)
    {
        var (given, family) = NewPerson(random, takenNames);
        var email = $"{MailPart(given)}.{MailPart(family)}@{organization.Domain}";
        var region = DemoTitles.Regions.Keys.ElementAt(random.Next(DemoTitles.Regions.Count));
        string title;
        var regional = false;
        if (function.OwnTitlesOnly && level == DemoLevel.CLevel)
        {
            var titles = organization.Headcount <= 500 ? FounderTitles : ChiefExecutiveTitles;
            title = titles[random.Next(titles.Length)];
        }
        else
        {
            var patterns = DemoTitles.PatternsFor(function, level, organization);
            var pattern = patterns[random.Next(patterns.Count)];
            // A showcase role must name its function ("Marketing", not only "Demand Gen").
            var noun = showcase ? function.Nouns[0] : function.Nouns[random.Next(function.Nouns.Count)];
            var specialties = showcase
                ? function.Specialties.Where(s => s.Contains(function.Nouns[0], StringComparison.Ordinal)).ToList()
                : function.Specialties.ToList();
            var specialty = specialties.Count > 0 ? specialties[random.Next(specialties.Count)] : noun;
            regional = pattern.Contains("{R}", StringComparison.Ordinal);
            title = DemoTitles.Fill(pattern, noun, specialty, region);
        }

        var peer = new Peer
        {
            Id = id,
            Name = $"{given} {family}",
            Title = title,
            Organization = organization.Name,
            OrganizationKey = OrganizationKeys.For(null, email, organization.Name),
            Headcount = organization.Headcount,
            Industry = organization.Industry,
            TimeZone = TimeZoneFor(organization, regional ? region : null, random),
            Topics = TopicsFor(function, random),
            Discoverable = true,
            Email = email,
            Channel = Channel,
            IsDemo = true,
            UpdatedAt = asOf - TimeSpan.FromMinutes(random.Next(60, 60 * 24 * 120)),
        };
        return new DemoLeader(peer, function, level, organization);
    }

    private static (string Given, string Family) NewPerson(Random random, HashSet<string> takenNames)
    {
        while (true)
        {
            var given = DemoNames.Given[random.Next(DemoNames.Given.Count)];
            var family = DemoNames.Family[random.Next(DemoNames.Family.Count)];
            if (takenNames.Add(given + " " + family))
            {
                return (given, family);
            }
        }
    }

    /// <summary>Most leaders sit at headquarters; regional ones in their region; a few work remotely elsewhere.</summary>
    private static string TimeZoneFor(DemoOrganization organization, string? region, Random random)
    {
        if (region is not null)
        {
            var zones = DemoTitles.Regions[region];
            return zones[random.Next(zones.Length)];
        }
        if (random.Next(6) == 0)
        {
            var elsewhere = TimeZones.Offered.Where(z => z != "UTC").ToList();
            return elsewhere[random.Next(elsewhere.Count)];
        }
        return organization.TimeZone;
    }

    private static string[] TopicsFor(DemoFunction function, Random random)
    {
        var topics = new List<string>();
        var fromFunction = 1 + random.Next(2);
        var wanted = fromFunction + 2 + random.Next(2);
        while (topics.Count < fromFunction)
        {
            var topic = function.Topics[random.Next(function.Topics.Count)];
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }
        while (topics.Count < wanted)
        {
            var topic = LeadershipTopics.All[random.Next(LeadershipTopics.All.Count)];
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }
        return [.. topics];
    }

    private static T Pick<T>(IReadOnlyList<T> items, Func<T, int> weight, Random random)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }
        return items[^1];
    }

    /// <summary>"Jae-won" → "jaewon": mailbox names in plain ASCII.</summary>
    private static string MailPart(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }
}
