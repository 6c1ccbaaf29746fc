namespace PeerBot.Demo;

/// <summary>What leaders in the demo network say they want to compare notes on.</summary>
public static class LeadershipTopics
{
    public static readonly IReadOnlyList<string> All =
    [
        "pricing", "hiring", "remote teams", "board reporting", "AI adoption", "budgeting", "OKRs",
        "performance reviews", "team structure", "scaling teams", "career ladders", "retention",
        "onboarding", "diversity and inclusion", "vendor management", "change management", "M&A integration",
        "go-to-market", "brand building", "demand generation", "customer retention", "product-led growth",
        "international expansion", "fundraising", "cost reduction", "data strategy", "cyber risk",
        "regulatory compliance", "digital transformation", "hybrid work", "leadership development",
        "managing managers", "cross-functional alignment", "crisis communication", "sustainability",
        "supply chain resilience", "forecasting", "restructuring", "first 90 days", "compensation design",
    ];
}
