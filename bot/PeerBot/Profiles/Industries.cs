namespace PeerBot.Profiles;

public static class Industries
{
    public static readonly IReadOnlyList<string> Offered =
    [
        "Software", "Fintech", "Banking", "Insurance", "Healthcare", "Pharma & biotech", "Retail", "E-commerce",
        "Manufacturing", "Automotive", "Energy", "Logistics", "Telecom", "Media", "Education", "Government",
        "Non-profit", "Professional services", "Hospitality", "Real estate", "Agriculture", "Consumer goods",
    ];
}
