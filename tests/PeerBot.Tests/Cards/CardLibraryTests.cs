using PeerBot.Cards;

namespace PeerBot.Tests.Cards;

/// <summary>The card templates ship beside the app and render through the card library.</summary>
public sealed class CardLibraryTests
{
    public static TheoryData<string> Samples() => CardSamples.Samples();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Renders_every_sample_from_the_app_directory(string sample)
    {
        var library = CardLibrary.FromAppDirectory();

        var card = library.Render("teams", CardSamples.TemplateOf(sample), CardSamples.Sample(sample).AsObject());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_template_is_reported_by_name()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CardLibrary.FromAppDirectory().Render("teams", "nope", []));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }
}
