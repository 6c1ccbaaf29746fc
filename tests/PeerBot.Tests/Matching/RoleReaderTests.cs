using PeerBot.Matching;

namespace PeerBot.Tests.Matching;

public class RoleReaderTests
{
    private static readonly RoleReader Reader = new(Taxonomy.Default);

    private static string Read(string text) => string.Join(" | ", Reader.ReadTitle(text).Readings.Select(r => $"{r.Function.Id}/{r.Level!.Id}"));

    private static string Query(string text) => string.Join(" | ", Reader.ReadQuery(text).Readings.Select(r => $"{r.Function.Id}/{r.Level?.Id ?? "any"}"));

    [Theory]
    [InlineData("VP marketing")]
    [InlineData("Vice President, Marketing")]
    [InlineData("Vice-President of Marketing")]
    [InlineData("Marketing VP")]
    [InlineData("V.P. of Mktg")]
    [InlineData("v.p. marketing")]
    [InlineData("VP, Marketing (EMEA)")]
    [InlineData("VP MARKETING")]
    [InlineData("VP of Marketing, North America")]
    public void Every_way_of_writing_VP_marketing_reads_the_same(string text)
    {
        Assert.Equal("marketing/vp", Read(text));
    }

    [Fact]
    public void A_specialty_is_kept_inside_its_function()
    {
        var reading = Assert.Single(Reader.ReadTitle("VP Growth Marketing").Readings);
        Assert.Equal(("marketing", "vp", "growth"), (reading.Function.Id, reading.Level!.Id, reading.Specialty));
        Assert.Equal("demand generation", Assert.Single(Reader.ReadTitle("Director, Demand Gen").Readings).Specialty);
    }

    [Theory]
    [InlineData("Marketing Director")]
    [InlineData("Director of Marketing")]
    [InlineData("Director, Marketing")]
    [InlineData("Head of Marketing")]
    [InlineData("Dir. Mktg")]
    [InlineData("Marketing - Director")]
    public void Word_order_and_filler_do_not_matter(string text)
    {
        Assert.Equal("marketing/director", Read(text));
    }

    [Theory]
    [InlineData("SVP Sales", "sales/svp")]
    [InlineData("Senior Vice President of Sales", "sales/svp")]
    [InlineData("EVP, Operations", "operations/svp")]
    [InlineData("Executive Vice President, Ops", "operations/svp")]
    [InlineData("AVP Finance", "finance/director")]
    [InlineData("CMO", "marketing/c-level")]
    [InlineData("CRO", "sales/c-level")]
    [InlineData("CFO", "finance/c-level")]
    [InlineData("CTO", "engineering/c-level")]
    [InlineData("CIO", "it/c-level")]
    [InlineData("CISO", "security/c-level")]
    [InlineData("CHRO", "people/c-level")]
    [InlineData("COO", "operations/c-level")]
    [InlineData("GM", "general-management/director")]
    [InlineData("Sr. Mgr, Mktg", "marketing/senior-manager")]
    [InlineData("Sr. Marketing Manager", "marketing/senior-manager")]
    [InlineData("Mgr, Eng", "engineering/manager")]
    [InlineData("Dir. Eng.", "engineering/director")]
    [InlineData("Ops Manager", "operations/manager")]
    [InlineData("HR Director", "people/director")]
    [InlineData("Director of Human Resources", "people/director")]
    [InlineData("Team Lead, Customer Support", "customer-success/lead")]
    [InlineData("Shift Supervisor, Warehouse", "supply-chain/lead")]
    public void Abbreviations_are_read(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("CEO", "general-management/c-level")]
    [InlineData("President", "general-management/c-level")]
    [InlineData("Founder", "general-management/c-level")]
    [InlineData("Owner", "general-management/c-level")]
    [InlineData("President & CEO", "general-management/c-level")]
    [InlineData("Chief Executive Officer", "general-management/c-level")]
    public void Chief_executives_presidents_founders_and_owners_are_general_management_at_c_level(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("Chief Marketing Officer", "marketing/c-level")]
    [InlineData("Chief Information Security Officer", "security/c-level")]
    [InlineData("Chief Information Officer", "it/c-level")]
    [InlineData("Chief Revenue Officer", "sales/c-level")]
    [InlineData("Chief People Officer", "people/c-level")]
    [InlineData("Chief Financial Officer", "finance/c-level")]
    public void Chief_titles_spelled_out_are_read(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("Marketing Manager", "marketing/manager")]
    [InlineData("Senior Manager, Marketing", "marketing/senior-manager")]
    [InlineData("Marketing Specialist", "marketing/ic")]
    [InlineData("Associate Product Manager", "product/ic")]
    [InlineData("Associate Director, Finance", "finance/senior-manager")]
    [InlineData("Senior Director, Engineering", "engineering/director")]
    [InlineData("Deputy Head of Sales", "sales/senior-manager")]
    [InlineData("Software Engineer", "engineering/ic")]
    [InlineData("Lead Engineer", "engineering/lead")]
    [InlineData("Product Owner", "product/ic")]
    [InlineData("Product Designer", "design/ic")]
    [InlineData("HR Business Partner", "people/ic")]
    [InlineData("Executive Assistant to the CEO", "operations/ic")]
    public void The_ladder_tells_leaders_from_individual_contributors(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("SDR Team Lead", "sales/lead")]
    [InlineData("Lead Data Scientist", "data/lead")]
    [InlineData("SVP & General Manager", "general-management/svp")]
    [InlineData("SVP & CFO", "finance/c-level")]
    [InlineData("Engineering Recruiter", "people/ic")]
    [InlineData("Director of Engineering Recruiting", "people/director")]
    public void A_level_beside_a_role_raises_it_and_a_recruiter_stays_in_people(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("VP Sales & Marketing", "sales/vp | marketing/vp")]
    [InlineData("VP Sales and Marketing", "sales/vp | marketing/vp")]
    [InlineData("Director, Marketing / Communications", "marketing/director | communications/director")]
    [InlineData("Co-founder & CTO", "general-management/c-level | engineering/c-level")]
    [InlineData("Head of People & Culture", "people/director")]
    [InlineData("Finance Operations Manager", "finance/manager")]
    [InlineData("Head of Product Engineering", "engineering/director")]
    [InlineData("R&D Director", "research/director")]
    [InlineData("FP&A Manager", "finance/manager")]
    public void And_joins_two_roles_unless_it_is_part_of_a_name(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("Head of Marketing at Salesforce", "marketing/director")]
    [InlineData("VP Marketing @ Sales Hacker", "marketing/vp")]
    public void Words_after_at_name_the_employer_not_the_role(string text, string expected)
    {
        Assert.Equal(expected, Read(text));
    }

    [Theory]
    [InlineData("Markting Director", "marketing/director", "markting")]
    [InlineData("Vice Presidnet of Enginering", "engineering/vp", "presidnet")]
    [InlineData("Director of Opertions", "operations/director", "opertions")]
    [InlineData("Customer Sucess Manager", "customer-success/manager", "sucess")]
    [InlineData("Head of Finanace", "finance/director", "finanace")]
    public void Typos_in_longer_words_are_corrected_and_reported(string text, string expected, string typo)
    {
        var read = Reader.ReadTitle(text);
        Assert.Equal(expected, string.Join(" | ", read.Readings.Select(r => $"{r.Function.Id}/{r.Level!.Id}")));
        Assert.Contains(read.Corrections, c => c.From == typo);
        Assert.All(read.Readings, r => Assert.True(r.Confidence < 1));
    }

    [Theory]
    [InlineData("Sale Director")]
    [InlineData("VP Legit")]
    public void Short_words_are_not_bent_into_roles(string text)
    {
        Assert.DoesNotContain(Reader.ReadQuery(text).Readings, r => r.Function.Id is "sales" or "legal");
    }

    [Fact]
    public void An_ambiguous_abbreviation_gives_both_readings_with_lower_confidence()
    {
        var read = Reader.ReadQuery("CPO");
        Assert.True(read.IsAmbiguous);
        Assert.Equal(["product", "people"], read.Readings.Select(r => r.Function.Id));
        Assert.All(read.Readings, r => Assert.Equal("c-level", r.Level!.Id));
        Assert.All(read.Readings, r => Assert.True(r.Confidence < 1));
        Assert.Equal(["Chief Product Officer", "Chief People Officer"], read.Readings.Select(r => r.ReadAs));
    }

    [Fact]
    public void A_spelled_out_chief_title_is_not_ambiguous()
    {
        var read = Reader.ReadQuery("Chief Product Officer");
        Assert.False(read.IsAmbiguous);
        Assert.Equal("product/c-level", Query("Chief Product Officer"));
    }

    [Theory]
    [InlineData("rockstar ninja")]
    [InlineData("someone nice to talk to")]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_without_a_role_is_not_understood(string text)
    {
        var read = Reader.ReadQuery(text);
        Assert.False(read.Understood);
        Assert.Null(read.LevelWithoutFunction);
    }

    [Fact]
    public void A_level_without_a_function_is_reported_as_such()
    {
        var read = Reader.ReadQuery("VP");
        Assert.False(read.Understood);
        Assert.Equal("vp", read.LevelWithoutFunction!.Id);
    }

    [Fact]
    public void A_query_with_only_a_function_leaves_the_level_open()
    {
        Assert.Equal("marketing/any", Query("marketing"));
    }

    [Fact]
    public void Queries_are_not_cut_at_to()
    {
        Assert.Equal("marketing/vp", Query("I want to talk to a VP marketing"));
    }

    [Fact]
    public void Half_a_surrogate_pair_in_a_title_does_not_stop_it_being_read()
    {
        var read = Reader.ReadTitle("VP Marketing \uD83D");
        Assert.NotEmpty(read.Readings);
    }
}
