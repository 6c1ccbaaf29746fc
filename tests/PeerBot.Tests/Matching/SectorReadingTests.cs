using PeerBot.Matching;

namespace PeerBot.Tests.Matching;

/// <summary>Titles outside the corporate functions, words read by their neighbours and sector, and how a sector is told.</summary>
public class SectorReadingTests
{
    private static readonly RoleReader Reader = new(Taxonomy.Default);
    private static readonly Taxonomy Taxonomy = Taxonomy.Default;

    private static string Read(string title, string? sector = null) =>
        string.Join(" | ", Reader.ReadTitle(title, sector is null ? null : Taxonomy.Sector(sector)).Readings.Select(r => $"{r.Function.Id}/{r.Level!.Id}"));

    [Theory]
    [InlineData("Charge Nurse, Med-Surg", "nursing/lead")]
    [InlineData("Nurse Manager, ICU", "nursing/manager")]
    [InlineData("Ward Manager", "nursing/manager")]
    [InlineData("Matron", "nursing/senior-manager")]
    [InlineData("Director of Nursing", "nursing/director")]
    [InlineData("Chief Nursing Officer", "nursing/c-level")]
    [InlineData("Medical Director, Urgent Care", "medicine/director")]
    [InlineData("Director of Pharmacy", "pharmacy/director")]
    [InlineData("Practice Manager", "healthcare-admin/manager")]
    [InlineData("Assistant Principal", "schools/senior-manager")]
    [InlineData("Deputy Headteacher", "schools/senior-manager")]
    [InlineData("Headteacher", "schools/director")]
    [InlineData("Dean, College of Business", "higher-education/vp")]
    [InlineData("Provost", "higher-education/svp")]
    [InlineData("Vice-Chancellor", "higher-education/c-level")]
    [InlineData("City Manager", "city-management/c-level")]
    [InlineData("Deputy County Administrator", "city-management/svp")]
    [InlineData("Police Sergeant", "police/lead")]
    [InlineData("Police Lieutenant", "police/manager")]
    [InlineData("Chief of Police", "police/c-level")]
    [InlineData("Chief Constable", "police/c-level")]
    [InlineData("Assistant Chief Constable", "police/vp")]
    [InlineData("Fire Captain", "fire/manager")]
    [InlineData("Battalion Chief", "fire/senior-manager")]
    [InlineData("Deputy Fire Chief", "fire/svp")]
    [InlineData("Paramedic Supervisor", "ems/lead")]
    [InlineData("Public Works Director", "public-works/director")]
    [InlineData("Transit Supervisor", "transit/lead")]
    [InlineData("Key Holder", "retail/lead")]
    [InlineData("Store Manager", "retail/manager")]
    [InlineData("Sous Chef", "culinary/lead")]
    [InlineData("Executive Chef", "culinary/manager")]
    [InlineData("Restaurant General Manager", "restaurant/manager")]
    [InlineData("Hotel General Manager", "hotel/director")]
    [InlineData("Warehouse Shift Supervisor", "supply-chain/lead")]
    [InlineData("Distribution Center Manager", "supply-chain/manager")]
    [InlineData("Line Supervisor", "manufacturing/lead")]
    [InlineData("Plant Manager", "manufacturing/manager")]
    [InlineData("Construction Project Director", "construction/director")]
    [InlineData("Contact Centre Team Leader", "customer-success/lead")]
    [InlineData("Chief Development Officer", "fundraising/c-level")]
    public void Leaders_in_every_sector_are_read_with_their_family_and_level(string title, string expected)
    {
        Assert.Equal(expected, Read(title));
    }

    [Theory]
    [InlineData("Principal", null, "schools/director")]
    [InlineData("Principal", "consulting", "general-management/vp")]
    [InlineData("Principal", "investment", "general-management/vp")]
    [InlineData("Principal Engineer", "schools", "engineering/ic")]
    [InlineData("Principal, Lincoln Elementary", "corporate", "schools/director")]
    [InlineData("Superintendent", null, "schools/c-level")]
    [InlineData("Superintendent", "construction", "construction/manager")]
    [InlineData("Site Superintendent", null, "construction/manager")]
    [InlineData("Police Superintendent", null, "police/director")]
    [InlineData("Assistant Superintendent", "schools", "schools/vp")]
    [InlineData("Assistant Superintendent", "construction", "construction/lead")]
    [InlineData("General Manager", null, "general-management/director")]
    [InlineData("General Manager", "hotels", "hotel/director")]
    [InlineData("General Manager", "restaurants", "restaurant/manager")]
    [InlineData("General Manager", "transit", "transit/c-level")]
    [InlineData("SVP & General Manager", "hotels", "hotel/svp")]
    [InlineData("General Manager", "logistics", "supply-chain/director")]
    [InlineData("General Manager, Consumer Division", "logistics", "general-management/director")]
    [InlineData("General Manager, Business Unit", "manufacturing", "general-management/director")]
    [InlineData("Executive Director", "nonprofit", "general-management/c-level")]
    [InlineData("Executive Director", "corporate", "general-management/director")]
    [InlineData("Executive Director, Marketing", "nonprofit", "marketing/director")]
    [InlineData("CMO", null, "marketing/c-level")]
    [InlineData("CMO", "healthcare", "medicine/c-level")]
    [InlineData("Captain", "fire", "fire/manager")]
    [InlineData("Captain, Patrol Division", "police", "police/senior-manager")]
    [InlineData("Lieutenant", "fire", "fire/lead")]
    [InlineData("Chief", "police", "police/c-level")]
    [InlineData("Chief of Cardiology", null, "medicine/director")]
    [InlineData("Chief of Staff", null, "strategy/director")]
    [InlineData("Rector", "schools", "schools/director")]
    [InlineData("Rector", "higher-education", "higher-education/c-level")]
    [InlineData("Dean of Students", "schools", "schools/senior-manager")]
    [InlineData("Director of Development", "nonprofit", "fundraising/director")]
    [InlineData("Director of Development", "corporate", "engineering/director")]
    [InlineData("Director of Operations", "restaurants", "restaurant/director")]
    [InlineData("Director of Operations", "corporate", "operations/director")]
    public void A_word_with_several_meanings_is_read_by_its_neighbours_then_its_sector_then_its_usual_meaning(string title, string? sector, string expected)
    {
        Assert.Equal(expected, Read(title, sector));
    }

    [Theory]
    [InlineData("Shift Supervisor", "retail", "retail/lead")]
    [InlineData("Shift Supervisor", "logistics", "supply-chain/lead")]
    [InlineData("Shift Supervisor", "manufacturing", "manufacturing/lead")]
    [InlineData("Team Lead", "contact-centers", "customer-success/lead")]
    [InlineData("Director", "schools", "schools/director")]
    [InlineData("Director", null, "general-management/director")]
    public void A_bare_level_takes_the_family_of_the_organizations_sector(string title, string? sector, string expected)
    {
        Assert.Equal(expected, Read(title, sector));
    }

    [Fact]
    public void Only_titles_whose_reading_depends_on_the_sector_say_so()
    {
        Assert.True(Reader.ReadTitle("General Manager").DependsOnSector);
        Assert.True(Reader.ReadTitle("Shift Supervisor").DependsOnSector);
        Assert.True(Reader.ReadTitle("Principal").DependsOnSector);
        Assert.False(Reader.ReadTitle("Hotel General Manager").DependsOnSector);
        Assert.False(Reader.ReadTitle("VP Marketing").DependsOnSector);
        Assert.False(Reader.ReadTitle("Principal Engineer").DependsOnSector);
    }

    [Fact]
    public void A_sense_read_by_default_is_reported_with_the_other_meanings_to_offer()
    {
        var choice = Assert.Single(Reader.ReadQuery("principal").Senses);
        Assert.Equal(("principal", "school principal", SenseDecider.Default), (choice.Word, choice.Meaning, choice.By));
        Assert.Equal(["consulting principal", "principal engineer"], choice.Others);

        var bySector = Assert.Single(Reader.ReadQuery("principal", new QueryContext(Taxonomy.Sector("consulting"), [])).Senses);
        Assert.Equal(SenseDecider.Sector, bySector.By);
        Assert.Equal("principal at a consulting or investment firm", bySector.Meaning);
    }

    [Theory]
    [InlineData("", "Springfield Police Department", "police")]
    [InlineData("Government", "Riverside Fire Rescue", "fire")]
    [InlineData("Hospital & health care", "", "healthcare")]
    [InlineData("", "Wrexham NHS Foundation Trust", "healthcare")]
    [InlineData("", "Oakham Housing Trust", "nonprofit")]
    [InlineData("Education", "University of Kingsbridge", "higher-education")]
    [InlineData("Education", "", "schools")]
    [InlineData("", "Maple Grove Academy Trust", "schools")]
    [InlineData("Hospitality", "Juniper Bistro", "restaurants")]
    [InlineData("Hospitality", "", "hotels")]
    [InlineData("Transportation & logistics", "", "logistics")]
    [InlineData("Non-profit", "", "nonprofit")]
    [InlineData("SaaS", "Contoso", "corporate")]
    public void A_sector_is_told_from_the_organizations_name_first_then_its_industry(string industry, string organization, string expected)
    {
        Assert.Equal(expected, Taxonomy.SectorOf(industry, organization)?.Id);
    }

    [Fact]
    public void An_organization_that_says_nothing_has_no_sector()
    {
        Assert.Null(Taxonomy.SectorOf("", "Acme"));
        Assert.Null(Taxonomy.SectorOf(null, null));
    }

    [Fact]
    public void A_level_without_an_area_takes_the_askers_own_function_or_waits_for_one()
    {
        var alone = Reader.ReadQuery("shift supervisor");
        Assert.False(alone.Understood);
        Assert.Equal("lead", alone.LevelWithoutFunction!.Id);

        var retail = Reader.ReadQuery("shift supervisor", new QueryContext(null, [Taxonomy.Function("retail")]));
        Assert.Equal(("retail", "lead"), (retail.Readings.Single().Function.Id, retail.Readings.Single().Level!.Id));
        Assert.Equal(AreaSource.AskerFunction, retail.AreaFrom);

        var named = Reader.ReadQuery("shift supervisor nonprofit");
        Assert.Equal("programs", named.Readings.Single().Function.Id);
        Assert.Equal(AreaSource.Query, named.AreaFrom);
    }

    [Theory]
    [InlineData("front-line supervisor")]
    [InlineData("frontline supervisor")]
    [InlineData("first line manager")]
    [InlineData("team lead")]
    [InlineData("shift supervisor")]
    public void Front_line_supervisors_are_leads_not_individual_contributors(string query)
    {
        Assert.Equal("lead", Reader.ReadQuery(query).LevelWithoutFunction?.Id);
    }
}
