using PeerBot.Profiles;

namespace PeerBot.Tests.Profiles;

public sealed class OrganizationKeysTests
{
    [Fact]
    public void A_Teams_tenant_decides_the_organization() =>
        Assert.Equal("tenant:abc", OrganizationKeys.For("ABC", "ada@engines.example", "Analytical Engines"));

    [Fact]
    public void Without_a_tenant_the_email_domain_decides() =>
        Assert.Equal("domain:engines.example", OrganizationKeys.For(null, "Ada@Engines.Example", "Analytical Engines"));

    [Theory]
    [InlineData("ada@gmail.com")]
    [InlineData("ada@outlook.com")]
    [InlineData("not-an-email")]
    [InlineData(null)]
    public void Public_mail_or_no_email_falls_back_to_the_declared_name(string? email) =>
        Assert.Equal("name:analytical-engines", OrganizationKeys.For(null, email, "Analytical Engines"));

    [Theory]
    [InlineData("Contoso, Inc.")]
    [InlineData("contoso inc")]
    [InlineData("The Contoso LLC")]
    [InlineData("  CONTOSO  ")]
    public void Declared_names_are_normalised_so_spellings_agree(string name) =>
        Assert.Equal("contoso", OrganizationKeys.NormaliseName(name));

    [Theory]
    [InlineData(5, "1–10")]
    [InlineData(11, "11–50")]
    [InlineData(200, "51–200")]
    [InlineData(201, "201–500")]
    [InlineData(1000, "501–1,000")]
    [InlineData(5000, "1,001–5,000")]
    [InlineData(10000, "5,001–10,000")]
    [InlineData(50000, "10,001+")]
    public void Headcounts_fall_into_the_directory_bands(int headcount, string band) =>
        Assert.Equal(band, HeadcountBand.Of(headcount).Label);
}
