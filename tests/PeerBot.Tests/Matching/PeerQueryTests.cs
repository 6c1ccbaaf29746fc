using PeerBot.Matching;

namespace PeerBot.Tests.Matching;

public class PeerQueryTests
{
    private static readonly RoleReader Reader = new(Taxonomy.Default);

    [Theory]
    [InlineData("VP marketing size 200-500", "201–500")]
    [InlineData("VP marketing size 201–500", "201–500")]
    [InlineData("VP marketing size 200 to 1000", "201–500,501–1,000")]
    [InlineData("VP marketing size 1000+", "1,001–5,000,5,001–10,000,10,001+")]
    [InlineData("VP marketing size 5k-10k", "5,001–10,000")]
    [InlineData("VP marketing size 300", "201–500")]
    [InlineData("VP marketing headcount: 51-200", "51–200")]
    public void Size_filters_become_headcount_bands(string text, string bands)
    {
        var query = PeerQuery.Read(text, Reader);
        Assert.Equal(bands, string.Join(",", query.Bands!.Select(b => b.Label)));
        Assert.Equal("marketing/vp", string.Join("|", query.Role.Readings.Select(r => $"{r.Function.Id}/{r.Level!.Id}")));
    }

    [Fact]
    public void Industry_runs_to_the_next_filter()
    {
        var query = PeerQuery.Read("VP marketing industry financial services size 200-500", Reader);
        Assert.Equal("financial services", query.Industry);
        Assert.Equal("201–500", Assert.Single(query.Bands!).Label);
        Assert.Equal("marketing", Assert.Single(query.Role.Readings).Function.Id);
    }

    [Fact]
    public void An_unreadable_size_is_reported_not_guessed()
    {
        var query = PeerQuery.Read("VP marketing size huge", Reader);
        Assert.Null(query.Bands);
        Assert.Contains(query.Notes, n => n.StartsWith("I couldn't read the size", StringComparison.Ordinal));
        Assert.True(query.Role.Understood);
    }
}
