using System.Globalization;
using PeerBot.Profiles;

namespace PeerBot.Benchmarks;

/// <summary>
/// A deterministic synthetic network of any size: profile <c>i</c> is always the same person. Titles are
/// written the many ways real ones are (abbreviations, word orders, regions, specialties), every
/// string is a fresh instance as it would be when read from storage, and functions and levels follow
/// a plausible mix (many engineers and individual contributors, few chiefs). Two organizations in five are
/// hospitals, schools, police and fire departments, stores, restaurants, hotels, warehouses, plants, builders,
/// charities or contact centers with their own ladders, and one profile in two hundred holds a title the role
/// model does not know.
/// </summary>
public static class SyntheticNetwork
{
    public const int Organizations = 60_000;

    private static readonly (string[] Names, int Weight)[] Functions =
    [
        (["Marketing", "Mktg", "Growth Marketing", "Brand", "Demand Generation", "Product Marketing", "Digital Marketing"], 8),
        (["Sales", "Enterprise Sales", "Revenue", "Commercial", "Inside Sales", "Sales Operations"], 14),
        (["Engineering", "Software Engineering", "Eng", "Platform Engineering", "Technology", "Infrastructure"], 20),
        (["Product", "Product Management"], 6),
        (["Finance", "FP&A", "Accounting", "Finance & Accounting"], 7),
        (["People", "HR", "Human Resources", "Talent Acquisition", "People Operations"], 6),
        (["Operations", "Ops", "Business Operations"], 8),
        (["Legal", "Compliance"], 3),
        (["IT", "Information Technology"], 4),
        (["Security", "Information Security", "Cybersecurity"], 2),
        (["Customer Success", "Customer Support", "Support", "Customer Experience"], 7),
        (["Data", "Analytics", "Data Science", "Business Intelligence"], 4),
        (["Design", "UX", "Product Design"], 2),
        (["Communications", "PR", "Corporate Communications"], 1),
        (["Supply Chain", "Logistics", "Procurement"], 3),
        (["Manufacturing", "Production"], 2),
        (["Strategy", "Business Development", "Partnerships"], 2),
        (["Research", "R&D"], 1),
    ];

    private static readonly string[] IcWords = ["Specialist", "Analyst", "Associate", "Coordinator", "Engineer", "Executive"];

    /// <summary>
    /// Leaders outside the corporate functions: each family's titles by rung (individual contributor, front-line
    /// supervisor, manager, director, head of the organization), the kind of organization, and its industries.
    /// </summary>
    private static readonly (string[][] Rungs, string Organization, string[] Industries)[] Sectors =
    [
        ([["Registered Nurse", "Staff Nurse"], ["Charge Nurse", "Nursing Supervisor"], ["Nurse Manager", "Ward Manager", "Nurse Manager, ICU"], ["Director of Nursing", "Head of Nursing"], ["Chief Nursing Officer"]], "Medical Center", ["Healthcare", "Hospital & health care", ""]),
        ([["Physician", "Hospitalist"], ["Lead Physician"], ["Practice Manager", "Clinic Manager"], ["Medical Director"], ["Chief Medical Officer", "CMO"]], "Health System", ["Healthcare", ""]),
        ([["Teacher", "Math Teacher"], ["Lead Teacher"], ["Head of Department"], ["Principal", "Headteacher"], ["Superintendent"]], "School District", ["Education", "K-12 education", ""]),
        ([["Lecturer", "Professor"], ["Course Leader"], ["Department Chair"], ["Dean", "Associate Dean"], ["President", "Vice-Chancellor"]], "University", ["Higher education", ""]),
        ([["Police Officer"], ["Police Sergeant", "Sergeant"], ["Police Lieutenant", "Inspector"], ["Police Commander"], ["Chief of Police", "Police Chief"]], "Police Department", ["Government", "Public safety"]),
        ([["Firefighter"], ["Fire Lieutenant"], ["Fire Captain", "Captain"], ["Battalion Chief"], ["Fire Chief"]], "Fire Rescue", ["Government", ""]),
        ([["Management Analyst"], ["Public Works Supervisor"], ["Public Works Operations Manager"], ["Public Works Director"], ["City Manager", "County Administrator"]], "City Council", ["Government", "Local government"]),
        ([["Sales Associate", "Cashier"], ["Key Holder", "Shift Supervisor", "Shift Lead"], ["Store Manager", "General Manager"], ["Regional Director, Stores"], ["VP, Store Operations"]], "Stores", ["Retail", "Grocery"]),
        ([["Line Cook", "Server"], ["Sous Chef", "Shift Manager"], ["Executive Chef", "Restaurant General Manager", "General Manager"], ["Director of Operations"], ["Franchise Owner"]], "Restaurant Group", ["Restaurants", "Hospitality"]),
        ([["Front Desk Agent"], ["Front Desk Supervisor"], ["Front Office Manager", "Executive Housekeeper"], ["Hotel General Manager", "General Manager"], ["Area General Manager"]], "Grand Hotel", ["Hospitality", "Hotels"]),
        ([["Warehouse Associate"], ["Warehouse Shift Supervisor", "Shift Supervisor"], ["Warehouse Manager", "Distribution Center Manager"], ["Site Director"], ["VP Distribution"]], "Logistics", ["Logistics", "Warehousing"]),
        ([["Machine Operator"], ["Line Supervisor", "Production Supervisor"], ["Production Manager", "Plant Manager"], ["Plant Director"], ["VP Manufacturing"]], "Manufacturing", ["Manufacturing", "Automotive"]),
        ([["Carpenter", "Laborer"], ["Foreman", "Site Supervisor"], ["Site Superintendent", "Superintendent"], ["Construction Project Director"], ["VP of Construction"]], "Builders", ["Construction", ""]),
        ([["Program Coordinator", "Case Manager"], ["Program Supervisor"], ["Development Manager", "Program Manager"], ["Program Director", "Development Director"], ["Executive Director"]], "Foundation", ["Non-profit", "Charity"]),
        ([["Customer Service Representative"], ["Team Lead", "Call Center Supervisor"], ["Call Center Manager"], ["Director of Contact Center Operations"], ["VP Customer Care"]], "Contact Solutions", ["Outsourcing", ""]),
    ];

    /// <summary>Titles the role model does not know, so the lexical fallback has something to find.</summary>
    private static readonly string[] Unknown = ["Head Sommelier", "Sommelier", "Zookeeper", "Head Zookeeper", "Lighthouse Keeper", "Harbour Master", "Chief Brewer", "Head Brewer", "Farrier", "Choirmaster", "Archivist", "Head Archivist"];
    private static readonly string[] Regions = ["", "", "", "", ", EMEA", ", APAC", ", North America", " - DACH", ", UK & Ireland", " (Global)"];
    private static readonly string[] Industries = ["Fintech", "Financial Services", "Healthcare", "Retail", "SaaS", "Manufacturing", "Logistics", "Media", "Energy", "Insurance", "Education", "Telecom", "Public Sector", "Automotive", "Biotech", "Gaming", "Real Estate", "Travel", "Agriculture", "Consulting"];
    private static readonly string[] Topics = ["pricing", "hiring", "remote work", "AI adoption", "board reporting", "fundraising", "churn", "brand", "international expansion", "budgeting", "M&A", "security audits", "vendor management", "OKRs", "product-led growth", "cost cutting", "partnerships", "compliance", "onboarding", "forecasting", "diversity", "career growth", "automation", "customer research", "pipeline", "retention", "unit economics", "cloud costs", "data privacy", "leadership"];
    private static readonly string[] TimeZones = ["Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "UTC"];
    private static readonly string[] First = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olga", "Priya", "Quinn", "Rafael", "Sara", "Tomas", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri", "Esther", "Farah", "Gabriel", "Hana", "Ivan", "Julia"];
    private static readonly string[] Last = ["Silva", "Okafor", "Muller", "Nakamura", "Rossi", "Kowalski", "Haddad", "Jensen", "OBrien", "Patel", "Garcia", "Novak", "Lindqvist", "Chen", "Dubois", "Abebe", "Moreau", "Santos", "Kaur", "Ivanova", "Nguyen", "Schmidt", "Costa", "Yilmaz", "Smith", "Johnson", "Brown", "Martin"];
    private static readonly int[] Sizes = [7, 30, 140, 350, 800, 2_500, 7_500, 25_000];

    /// <summary>Profile number <paramref name="i"/>.</summary>
    public static Peer Profile(int i)
    {
        // Each profile's own stream starts at a scrambled point: consecutive seeds would share most of their draws.
        var r = new SplitMix(SplitMix.Mix((ulong)i + 17));
        var org = r.Next(Organizations);
        var orgRandom = new SplitMix((ulong)org * 0xD1B54A32D192ED03UL + 5);
        var orgName = string.Create(CultureInfo.InvariantCulture, $"Org {org} {(org % 3 == 0 ? "Labs" : org % 3 == 1 ? "Group" : "Systems")}");
        var industry = Industries[orgRandom.Next(Industries.Length)];
        var domain = string.Create(CultureInfo.InvariantCulture, $"org{org}.example");
        // Two in five work outside the corporate functions; one in two hundred holds a title nobody taught the role model.
        var kind = orgRandom.Next(5) < 2 ? orgRandom.Next(Sectors.Length) : -1;
        if (kind >= 0)
        {
            var (_, place, industries) = Sectors[kind];
            orgName = string.Create(CultureInfo.InvariantCulture, $"Org {org} {place}");
            industry = industries[orgRandom.Next(industries.Length)];
        }
        var first = First[r.Next(First.Length)];
        var last = Last[r.Next(Last.Length)];
        var email = r.Next(10) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{r.Next(1000)}@gmail.com")
            : string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i % 97}@{domain}");
        var topics = new string[r.Next(4)];
        for (var t = 0; t < topics.Length; t++)
        {
            topics[t] = new string(Topics[r.Next(Topics.Length)].AsSpan());
        }
        return new Peer
        {
            Id = Id(i, ref r),
            Name = string.Concat(first, " ", last),
            Title = r.Next(200) == 0 ? Unknown[r.Next(Unknown.Length)] : kind >= 0 ? SectorTitle(Sectors[kind].Rungs, ref r) : Title(ref r),
            Organization = orgName,
            OrganizationKey = OrganizationKeys.For(null, email, orgName),
            Headcount = Sizes[orgRandom.Next(Sizes.Length)] + orgRandom.Next(50),
            Industry = new string(industry.AsSpan()),
            TimeZone = new string(TimeZones[r.Next(TimeZones.Length)].AsSpan()),
            Topics = topics,
            Email = email,
            Channel = i % 3 == 0 ? "slack" : "msteams",
            UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        };
    }

    public static IEnumerable<Peer> Profiles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Profile(i);
        }
    }

    /// <summary>A member id that looks like a real one and is never repeated: it carries a one-to-one scramble of <paramref name="i"/>.</summary>
    private static string Id(int i, ref SplitMix r)
    {
        var unique = SplitMix.Mix((ulong)i);
        if (i % 3 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"slack:T{r.NextULong() % 100_000_000:X8}:U{unique:X16}");
        }
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, unique);
        BitConverter.TryWriteBytes(bytes[8..], r.NextULong());
        return "msteams:" + new Guid(bytes).ToString();
    }

    private static string Title(ref SplitMix r)
    {
        var total = Functions.Sum(f => f.Weight);
        var pick = r.Next(total);
        var names = Functions[0].Names;
        foreach (var (n, weight) in Functions)
        {
            if (pick < weight)
            {
                names = n;
                break;
            }
            pick -= weight;
        }
        var f = names[r.Next(names.Length)];
        var region = Regions[r.Next(Regions.Length)];
        var level = r.Next(100);
        string title = level switch
        {
            < 35 => r.Next(3) switch { 0 => $"{f} {IcWords[r.Next(IcWords.Length)]}", 1 => $"Senior {f} {IcWords[r.Next(IcWords.Length)]}", _ => $"{f} {IcWords[r.Next(IcWords.Length)]} II" },
            < 44 => r.Next(3) switch { 0 => $"{f} Team Lead", 1 => $"Team Lead, {f}", _ => $"{f} Supervisor" },
            < 62 => r.Next(3) switch { 0 => $"{f} Manager", 1 => $"Manager, {f}", _ => $"{f} Mgr" },
            < 69 => r.Next(2) == 0 ? $"Senior {f} Manager" : $"Sr. Manager, {f}",
            < 83 => r.Next(4) switch { 0 => $"Director of {f}", 1 => $"Head of {f}", 2 => $"{f} Director", _ => $"Senior Director, {f}" },
            < 92 => r.Next(4) switch { 0 => $"VP {f}", 1 => $"Vice President, {f}", 2 => $"VP of {f}", _ => $"{f} VP" },
            < 95 => r.Next(2) == 0 ? $"SVP {f}" : $"EVP, {f}",
            _ => r.Next(4) switch { 0 => "CEO", 1 => "Founder & CEO", 2 => $"Chief {f} Officer", _ => "Managing Director" },
        };
        return title + region;
    }

    private static string SectorTitle(string[][] rungs, ref SplitMix r)
    {
        // The same shape as the corporate mix: many who do the work, fewer at each rung up.
        var pick = r.Next(100);
        var rung = pick switch { < 45 => 0, < 65 => 1, < 85 => 2, < 96 => 3, _ => 4 };
        var titles = rungs[rung];
        return new string(titles[r.Next(titles.Length)].AsSpan());
    }

    /// <summary>A small, fast, seedable generator: the same seed always gives the same profile.</summary>
    private struct SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int bound) => (int)(NextULong() % (ulong)bound);

        /// <summary>The SplitMix64 finaliser: a one-to-one scramble of 64-bit values.</summary>
        public static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
