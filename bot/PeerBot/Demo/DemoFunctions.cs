namespace PeerBot.Demo;

/// <summary>The functions of the demo network, each with the vocabulary its titles are written in.</summary>
public static class DemoFunctions
{
    public const string GeneralManagement = "General Management";

    /// <summary>Industries that make, grow or move goods, and so have a supply chain.</summary>
    private static readonly HashSet<string> GoodsIndustries = new(StringComparer.Ordinal)
    {
        "Manufacturing", "Automotive", "Energy", "Logistics", "Retail", "Consumer goods", "Pharma & biotech",
        "Agriculture", "E-commerce", "Healthcare", "Hospitality",
    };

    /// <summary>Industries that run plants.</summary>
    private static readonly HashSet<string> MakingIndustries = new(StringComparer.Ordinal)
    {
        "Manufacturing", "Automotive", "Energy", "Consumer goods", "Pharma & biotech", "Agriculture",
    };

    public static readonly DemoFunction Marketing = new(
        "Marketing",
        ["Marketing"],
        ["Growth Marketing", "Demand Gen", "Brand Marketing", "Product Marketing", "Marketing Operations", "Content Marketing", "Field Marketing"],
        ["CMO", "Chief Marketing Officer", "Chief Marketing & Growth Officer"],
        ["brand building", "demand generation", "pricing", "go-to-market", "board reporting", "AI adoption"])
    { Weight = 7 };

    public static readonly IReadOnlyList<DemoFunction> All =
    [
        Marketing,
        new("Sales",
            ["Sales", "Global Sales"],
            ["Enterprise Sales", "Inside Sales", "Sales Operations", "Partner Sales", "Sales Development", "Key Accounts"],
            ["CRO", "Chief Revenue Officer", "Chief Sales Officer", "Chief Commercial Officer"],
            ["pricing", "go-to-market", "forecasting", "compensation design", "hiring"])
        { Weight = 6 },
        new("Engineering",
            ["Engineering", "Software Engineering"],
            ["Platform Engineering", "Backend Engineering", "Mobile Engineering", "Infrastructure", "Quality Engineering", "Site Reliability"],
            ["CTO", "Chief Technology Officer"],
            ["hiring", "AI adoption", "remote teams", "career ladders", "scaling teams", "managing managers"])
        { Weight = 6 },
        new("Product",
            ["Product", "Product Management"],
            ["Platform Product", "Growth Product", "Product Operations", "Core Product"],
            ["CPO", "Chief Product Officer"],
            ["product-led growth", "pricing", "AI adoption", "cross-functional alignment", "OKRs"])
        { Weight = 5 },
        new("Finance",
            ["Finance"],
            ["FP&A", "Accounting", "Treasury", "Tax", "Investor Relations", "Revenue Accounting"],
            ["CFO", "Chief Financial Officer"],
            ["board reporting", "budgeting", "forecasting", "fundraising", "cost reduction", "M&A integration"])
        {
            Weight = 5,
            ExtraTitles = new Dictionary<DemoLevel, string[]>
            {
                [DemoLevel.SeniorManager] = ["Assistant Controller"],
                [DemoLevel.Director] = ["Controller", "Financial Controller"],
            },
        },
        new("People",
            ["People", "HR", "Human Resources", "People & Culture"],
            ["Talent Acquisition", "People Operations", "Total Rewards", "Learning & Development", "HR Business Partners"],
            ["CHRO", "Chief People Officer", "Chief Human Resources Officer"],
            ["hiring", "retention", "performance reviews", "hybrid work", "compensation design", "diversity and inclusion", "restructuring"])
        { Weight = 5 },
        new("Operations",
            ["Operations", "Business Operations"],
            ["Business Operations", "Revenue Operations", "Facilities", "Procurement", "Operational Excellence"],
            ["COO", "Chief Operating Officer"],
            ["cost reduction", "vendor management", "OKRs", "change management", "scaling teams"])
        { Weight = 5 },
        new("Legal",
            ["Legal"],
            ["Commercial Legal", "Privacy", "Compliance", "Contracts", "Corporate Legal"],
            ["General Counsel", "Chief Legal Officer", "CLO"],
            ["regulatory compliance", "M&A integration", "vendor management", "AI adoption"])
        {
            Weight = 3,
            ExtraTitles = new Dictionary<DemoLevel, string[]>
            {
                [DemoLevel.Manager] = ["Legal Counsel"],
                [DemoLevel.SeniorManager] = ["Senior Counsel"],
                [DemoLevel.Director] = ["Associate General Counsel", "Deputy General Counsel"],
            },
        },
        new("IT",
            ["IT", "Information Technology"],
            ["IT Operations", "End-User Computing", "Enterprise Applications", "IT Infrastructure", "Service Desk"],
            ["CIO", "Chief Information Officer"],
            ["digital transformation", "vendor management", "AI adoption", "cyber risk", "budgeting"])
        { Weight = 4 },
        new("Security",
            ["Security", "Information Security", "Cybersecurity"],
            ["Security Operations", "Application Security", "GRC", "Identity & Access", "Threat Intelligence"],
            ["CISO", "Chief Information Security Officer", "Chief Security Officer"],
            ["cyber risk", "board reporting", "regulatory compliance", "hiring", "AI adoption"])
        { Weight = 3 },
        new("Customer Success",
            ["Customer Success", "Customer Experience"],
            ["Customer Support", "Onboarding", "Account Management", "Customer Success Operations", "Renewals"],
            ["Chief Customer Officer", "CCO"],
            ["customer retention", "onboarding", "scaling teams", "AI adoption", "remote teams"])
        { Weight = 4 },
        new("Data",
            ["Data", "Data & Analytics", "Analytics"],
            ["Data Engineering", "Data Science", "Business Intelligence", "Machine Learning", "Analytics Engineering"],
            ["Chief Data Officer", "CDO", "Chief Data & Analytics Officer"],
            ["data strategy", "AI adoption", "hiring", "cross-functional alignment"])
        { Weight = 4 },
        new("Design",
            ["Design", "UX", "Product Design"],
            ["Product Design", "UX Research", "Brand Design", "Design Systems", "Content Design"],
            ["Chief Design Officer"],
            ["career ladders", "cross-functional alignment", "hiring", "brand building"])
        { Weight = 3 },
        new("Communications",
            ["Communications", "Corporate Communications", "Comms"],
            ["Internal Communications", "Public Relations", "Executive Communications", "Media Relations"],
            ["Chief Communications Officer"],
            ["crisis communication", "change management", "brand building", "hybrid work"])
        { Weight = 3 },
        new("Supply Chain",
            ["Supply Chain"],
            ["Logistics", "Demand Planning", "Strategic Sourcing", "Distribution", "Inventory Planning"],
            ["Chief Supply Chain Officer", "CSCO"],
            ["supply chain resilience", "vendor management", "forecasting", "cost reduction", "sustainability"])
        { Weight = 4, OnlyIn = GoodsIndustries },
        new("Manufacturing",
            ["Manufacturing", "Production"],
            ["Production", "Quality", "Plant Operations", "Process Engineering", "Assembly"],
            ["Chief Manufacturing Officer"],
            ["sustainability", "cost reduction", "supply chain resilience", "hiring", "change management"])
        {
            // Drawn only at the few companies that run plants, where it is a large function.
            Weight = 9,
            OnlyIn = MakingIndustries,
            ExtraTitles = new Dictionary<DemoLevel, string[]>
            {
                [DemoLevel.TeamLead] = ["Shift Supervisor", "Production Supervisor", "Line Supervisor, Assembly"],
                [DemoLevel.SeniorManager] = ["Plant Manager"],
                [DemoLevel.Director] = ["Plant Director"],
            },
        },
        new("Strategy",
            ["Strategy", "Corporate Strategy", "Strategy & Planning"],
            ["Corporate Development", "Strategic Planning", "M&A", "Transformation"],
            ["Chief Strategy Officer"],
            ["M&A integration", "board reporting", "OKRs", "international expansion", "digital transformation"])
        {
            Weight = 2,
            ExtraTitles = new Dictionary<DemoLevel, string[]> { [DemoLevel.Director] = ["Chief of Staff to the CEO"] },
        },
        new("Research",
            ["Research", "R&D"],
            ["Applied Research", "Research & Development", "Clinical Research", "Materials Research"],
            ["Chief Scientific Officer", "Chief Research Officer", "Chief Scientist"],
            ["AI adoption", "hiring", "budgeting", "regulatory compliance"])
        { Weight = 2 },
        new(GeneralManagement,
            ["General Management"],
            [],
            ["CEO", "Chief Executive Officer", "President & CEO", "Managing Director"],
            ["board reporting", "fundraising", "first 90 days", "leadership development", "international expansion", "restructuring"])
        {
            Weight = 2,
            OwnTitlesOnly = true,
            ExtraTitles = new Dictionary<DemoLevel, string[]>
            {
                [DemoLevel.Director] = ["General Manager, {R}", "Regional Director, {R}", "General Manager"],
                [DemoLevel.VicePresident] = ["Managing Director, {R}", "Regional Vice President, {R}", "VP & General Manager"],
                [DemoLevel.SeniorVicePresident] = ["President, {R}", "EVP & General Manager", "Group President"],
            },
        },
    ];

    public static DemoFunction Named(string name) => All.First(f => f.Name == name);
}
