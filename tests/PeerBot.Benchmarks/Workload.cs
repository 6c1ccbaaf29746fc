using PeerBot.Matching;
using PeerBot.Profiles;

namespace PeerBot.Benchmarks;

/// <summary>
/// The /findpeer queries the benchmarks replay: varied wordings across the corporate functions and the other sectors,
/// five that only the title-word fallback can answer, and half of them asked by a member of the network.
/// </summary>
public static class Workload
{
    private static readonly string[] Texts =
    [
        "VP marketing", "vice president of mktg", "CMO", "head of marketing", "marketing manager", "growth marketing director",
        "VP sales", "CRO", "sales director", "head of sales EMEA", "sales manager", "SVP sales",
        "VP engineering", "CTO", "director of engineering", "engineering manager", "software engineer", "tech lead",
        "head of product", "VP product", "product manager", "CFO", "VP finance", "finance manager", "controller",
        "CHRO", "HR director", "head of talent acquisition", "HR manager", "COO", "VP ops", "operations manager",
        "general counsel", "head of legal", "CIO", "IT director", "CISO", "security manager",
        "VP customer success", "head of customer support", "customer success manager", "support team lead",
        "head of data", "data science manager", "design director", "head of comms", "supply chain director",
        "plant manager", "head of bizdev", "CEO", "founder", "director of R&D", "marketing", "sales",
        "VP marketing size 200-500", "sales director industry fintech", "markting directer", "CPO",
        "nurse manager", "principal", "police chief", "store manager", "executive chef", "shift supervisor", "director of nursing",
        "city manager", "school superintendent", "warehouse manager", "general manager", "superintendent", "executive director",
        "charge nurse", "fire captain", "dean", "team lead", "front-line supervisor", "development director", "CMO",
        "head sommelier", "zookeeper", "lighthouse keeper", "chief brewer", "harbour master",
    ];

    /// <summary><paramref name="count"/> requests, cycling through the wordings; every other one asked by a member.</summary>
    public static SearchRequest[] Requests(int count, int networkSize)
    {
        var requests = new SearchRequest[count];
        for (var i = 0; i < count; i++)
        {
            var text = Texts[i % Texts.Length];
            if (i % 2 == 0)
            {
                requests[i] = new SearchRequest(text, null, null, null, null);
            }
            else
            {
                Peer asker = SyntheticNetwork.Profile((int)((i * 7919L) % networkSize));
                requests[i] = new SearchRequest(text, asker.Id, asker.OrganizationKey, asker.EmailDomain, asker);
            }
        }
        return requests;
    }
}
