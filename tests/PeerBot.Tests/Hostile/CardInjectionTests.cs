using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Hostile;

/// <summary>
/// Markup and template syntax saved through the profile form, then shown on the profile card, the form
/// and another organization's findpeer results, and typed as a findpeer query: each card must have the
/// structure it has for plain text, show the text literally, and never render it as a Markdown link.
/// </summary>
public sealed class CardInjectionTests() : BotTestBase("inject")
{
    private const string Plain = "Plain Value Here";
    private const string OtherTenant = "0d7c1e55-0000-4000-8000-0000000000ff";

    public static TheoryData<string> Injections => [.. HostileStrings.Injections, "\u202Eevil\u202C", "Z\u0301\u0336\u0489\u0301"];

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Member_text_is_shown_on_cards_as_text_never_as_markup(string hostile)
    {
        var plain = await ShowAsync("c", "VP Marketing", Plain);
        var shown = await ShowAsync("h", "VP Engineering", hostile);

        var value = ProfileForm.Clean(hostile);
        var query = ProfileForm.Clean(CommandText.Parse("findpeer " + hostile).Arguments);
        foreach (var (view, expected) in new[] { ("profile", value), ("form", value), ("results", value), ("query", query) })
        {
            var (plainCard, plainSummary) = plain[view];
            var (card, summary) = shown[view];
            if (view != "query")
            {
                Assert.True(CardSafety.Skeleton(plainCard) == CardSafety.Skeleton(card), $"The {view} card changed structure for {hostile}:\n{card.ToJsonString()}");
            }
            var strings = CardSafety.Strings(card).ToList();
            // Where the card shows the plain text, it must show the hostile text just as literally.
            if (expected.Length > 0 && CardSafety.Strings(plainCard).Any(s => s.Text.Contains(Plain, StringComparison.Ordinal)))
            {
                Assert.True(strings.Any(s => CardSafety.ShowsLiterally(s.Text, expected)), $"The {view} card does not show '{expected}' literally:\n{card.ToJsonString()}");
            }
            if (expected.Length > 0 && plainSummary.Contains(Plain, StringComparison.Ordinal))
            {
                Assert.Contains(expected, summary, StringComparison.Ordinal);
            }
            if (CardSafety.HasMarkdownLink(expected))
            {
                var rendered = strings.Where(s => CardSafety.RendersMarkdown(s.Element, s.Property) && s.Text.Contains(expected, StringComparison.Ordinal));
                Assert.True(!rendered.Any(), $"The {view} card renders '{expected}' as a Markdown link:\n{card.ToJsonString()}");
            }
        }
    }

    /// <summary>Saves a profile holding <paramref name="value"/> and collects the cards that show it.</summary>
    private async Task<Dictionary<string, (JsonObject Card, string Summary)>> ShowAsync(string tag, string role, string value)
    {
        var member = "u-inject-" + tag;
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-colleague-" + tag, ProfileSubmission("Anne Colleague", role, "Colleague Org " + tag)), 2);
        var saved = await SayAsync(Activities.Submit(Connector.ServiceUrl, member, ProfileSubmission(value, role, value)), 2);
        var form = await SayAsync(Activities.Message(Connector.ServiceUrl, member, "profile edit"), 1);

        var asker = "u-asker-" + tag;
        var results = await SayAsync(Elsewhere(Activities.Message(Connector.ServiceUrl, asker, "findpeer " + role)), 3);
        var query = await SayAsync(Elsewhere(Activities.Message(Connector.ServiceUrl, asker, "findpeer " + value)), 1);
        return new()
        {
            ["profile"] = CardOf(saved[^1]),
            ["form"] = CardOf(form[^1]),
            ["results"] = CardOf(results[^1]),
            ["query"] = CardOf(query[^1]),
        };
    }

    private static (JsonObject, string) CardOf(SentActivity sent)
    {
        var card = CardTypes.CardsIn(sent.Activity).SingleOrDefault();
        Assert.True(card is not null, "Expected a card, got: " + sent.RawBody);
        return (card, sent.Activity["summary"]?.GetValue<string>() ?? "");
    }

    // The asker belongs to another Teams organization, so the hostile member can appear in its results.
    private static JsonObject Elsewhere(JsonObject activity)
    {
        activity["conversation"]!["tenantId"] = OtherTenant;
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;
        return activity;
    }
}
