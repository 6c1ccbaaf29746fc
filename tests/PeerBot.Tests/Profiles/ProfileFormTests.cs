using System.Text.Json.Nodes;
using PeerBot.Profiles;

namespace PeerBot.Tests.Profiles;

public sealed class ProfileFormTests
{
    private static ProfileForm Valid => new("Ada Lovelace", "VP Marketing", "Analytical Engines", "250", "Software", "Europe/London", "pricing; hiring", true);

    [Fact]
    public void A_complete_form_is_valid() => Assert.Empty(Valid.Validate());

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("12.5")]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("10000001")]
    public void Headcount_must_be_a_whole_number_in_range(string headcount) =>
        Assert.Contains((Valid with { Headcount = headcount }).Validate(), e => e.Contains("headcount", StringComparison.Ordinal));

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public void Time_zone_must_be_a_known_IANA_zone(string zone) =>
        Assert.Contains((Valid with { TimeZone = zone }).Validate(), e => e.Contains("time zone", StringComparison.Ordinal));

    [Fact]
    public void Required_fields_are_named_in_the_errors()
    {
        var errors = (Valid with { Name = "", Title = "", Organization = "" }).Validate();
        Assert.Contains("Name is required.", errors);
        Assert.Contains("Job title is required.", errors);
        Assert.Contains("Organization is required.", errors);
    }

    [Fact]
    public void Over_long_text_is_rejected_not_truncated()
    {
        var errors = (Valid with { Title = new string('x', 101) }).Validate();
        Assert.Contains("Job title must be at most 100 characters.", errors);
    }

    [Fact]
    public void Topics_split_on_semicolons_commas_and_lines_and_drop_duplicates()
    {
        var form = Valid with { Topics = "Pricing; hiring,\nAI adoption;pricing;; " };
        Assert.Equal(["Pricing", "hiring", "AI adoption"], form.TopicList());
    }

    [Fact]
    public void Too_many_topics_are_reported()
    {
        var form = Valid with { Topics = string.Join(";", Enumerable.Range(1, 11).Select(i => "topic " + i)) };
        Assert.Contains(form.Validate(), e => e.Contains("Up to 10 topics", StringComparison.Ordinal));
    }

    [Fact]
    public void Control_characters_and_runs_of_whitespace_are_cleaned_from_submissions()
    {
        var form = ProfileForm.FromSubmission(new JsonObject { ["name"] = "  Ada\u0000\u0007  \t Lovelace\r\n", ["discoverable"] = "true" });
        Assert.Equal("Ada Lovelace", form.Name);
        Assert.True(form.Discoverable);
    }

    [Fact]
    public void Values_of_the_wrong_type_read_as_empty()
    {
        var form = ProfileForm.FromSubmission(new JsonObject { ["name"] = new JsonArray(1), ["headcount"] = new JsonObject(), ["discoverable"] = 1 });
        Assert.Equal("", form.Name);
        Assert.Equal("", form.Headcount);
        Assert.False(form.Discoverable);
    }

    [Theory]
    [InlineData("+44 20 7946 0018")]
    [InlineData("Book me: https://cal.example.com/ada")]
    [InlineData("")]
    public void A_preferred_contact_is_a_phone_or_text_with_https_links(string contact) =>
        Assert.Empty((Valid with { PreferredContact = contact }).Validate());

    [Theory]
    [InlineData("http://cal.example.com/ada")]
    [InlineData("see javascript://alert(1)")]
    public void Links_in_a_preferred_contact_must_be_https(string contact) =>
        Assert.Contains((Valid with { PreferredContact = contact }).Validate(), e => e.Contains("https://", StringComparison.Ordinal));

    [Fact]
    public void A_preferred_contact_is_at_most_200_characters_and_its_first_https_link_becomes_a_button()
    {
        Assert.Contains((Valid with { PreferredContact = new string('1', 201) }).Validate(), e => e.Contains("200", StringComparison.Ordinal));
        Assert.Equal("https://cal.example.com/ada", ProfileForm.LinkOf("Book: https://cal.example.com/ada, or call"));
        Assert.Null(ProfileForm.LinkOf("+44 20 7946 0018"));
        Assert.Equal("+1 555 0100", ProfileForm.FromSubmission(new JsonObject { ["preferredContact"] = " +1 555\n0100 " }).PreferredContact);
    }
}
