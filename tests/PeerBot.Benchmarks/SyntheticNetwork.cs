using System.Globalization;
using PeerBot.Profiles;

namespace PeerBot.Benchmarks;

/// <summary>
/// A deterministic synthetic network of any size: profile <c>i</c> is always the same person. Titles are
/// written the many ways real ones are (abbreviations, word orders, regions, specialties), every
/// string is a fresh instance as it would be when read from storage, and functions and levels follow
/// a plausible mix (many engineers and individual contributors, few chiefs).
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
        var r = new SplitMix((ulong)i * 0x9E3779B97F4A7C15UL + 17);
        var org = r.Next(Organizations);
        var orgRandom = new SplitMix((ulong)org * 0xD1B54A32D192ED03UL + 5);
        var orgName = string.Create(CultureInfo.InvariantCulture, $"Org {org} {(org % 3 == 0 ? "Labs" : org % 3 == 1 ? "Group" : "Systems")}");
        var domain = string.Create(CultureInfo.InvariantCulture, $"org{org}.example");
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
            Title = Title(ref r),
            Organization = orgName,
            OrganizationKey = OrganizationKeys.For(null, email, orgName),
            Headcount = Sizes[orgRandom.Next(Sizes.Length)] + orgRandom.Next(50),
            Industry = new string(Industries[orgRandom.Next(Industries.Length)].AsSpan()),
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

    private static string Id(int i, ref SplitMix r)
    {
        if (i % 3 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"slack:T{r.NextULong() % 100_000_000:X8}:U{r.NextULong() % 10_000_000_000:X10}");
        }
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, r.NextULong());
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
    }
}
