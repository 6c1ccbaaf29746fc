using System.Text;
using PeerBot.Matching;

namespace PeerBot.Tests.Matching;

public class TaxonomyTests
{
    [Fact]
    public void The_shipped_taxonomy_has_the_functions_and_ladder_the_product_promises()
    {
        var taxonomy = Taxonomy.Default;
        Assert.InRange(taxonomy.Functions.Count, 30, 60);
        foreach (var id in new[] { "marketing", "sales", "engineering", "product", "finance", "people", "operations", "legal", "it", "security",
                     "customer-success", "data", "design", "communications", "supply-chain", "manufacturing", "strategy", "research", "general-management",
                     "nursing", "medicine", "pharmacy", "healthcare-admin", "schools", "higher-education", "city-management", "police", "fire", "ems",
                     "public-works", "transit", "retail", "restaurant", "culinary", "hotel", "construction", "fundraising", "programs" })
        {
            Assert.Equal(id, taxonomy.Function(id).Id);
        }
        Assert.Equal(["ic", "lead", "manager", "senior-manager", "director", "vp", "svp", "c-level"], taxonomy.Levels.Select(l => l.Id));
    }

    [Fact]
    public void Related_functions_are_symmetric()
    {
        var t = Taxonomy.Default;
        Assert.True(t.AreRelated(t.Function("marketing"), t.Function("sales")));
        Assert.True(t.AreRelated(t.Function("sales"), t.Function("marketing")));
        Assert.False(t.AreRelated(t.Function("marketing"), t.Function("engineering")));
    }

    [Fact]
    public void A_term_listed_twice_is_rejected()
    {
        const string json = """
            { "levels": [ { "id": "vp", "name": "VP", "terms": ["vp"] } ],
              "functions": [ { "id": "marketing", "name": "Marketing", "terms": ["marketing", "vp"], "related": [], "specialties": [] } ] }
            """;
        var e = Assert.Throws<InvalidDataException>(() => Taxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("'vp'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_related_function_is_rejected()
    {
        const string json = """
            { "levels": [ { "id": "vp", "name": "VP", "terms": ["vp"] } ],
              "functions": [ { "id": "marketing", "name": "Marketing", "terms": ["marketing"], "related": ["astrology"], "specialties": [] } ] }
            """;
        Assert.Throws<InvalidDataException>(() => Taxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }
}
