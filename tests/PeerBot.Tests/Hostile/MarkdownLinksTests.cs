using System.Text.Json.Nodes;
using PeerBot.Teams;

namespace PeerBot.Tests.Hostile;

public sealed class MarkdownLinksTests
{
    private const string Link = "[click](http://evil.example/)";

    [Fact]
    public void Links_in_text_blocks_and_facts_show_as_typed_and_inputs_keep_the_raw_value()
    {
        var card = JsonNode.Parse($$"""
            { "type": "AdaptiveCard", "body": [
              { "type": "TextBlock", "text": "{{Link}}" },
              { "type": "Container", "items": [ { "type": "FactSet", "facts": [ { "title": "{{Link}}", "value": "![x](http://evil.example/x.png)" } ] } ] },
              { "type": "Input.Text", "id": "name", "value": "{{Link}}" } ] }
            """)!;

        var safe = MarkdownLinks.Neutralize(card);

        var strings = CardSafety.Strings(safe).ToList();
        Assert.DoesNotContain(strings, s => CardSafety.RendersMarkdown(s.Element, s.Property) && CardSafety.HasMarkdownLink(s.Text));
        Assert.Equal(3, strings.Count(s => CardSafety.RendersMarkdown(s.Element, s.Property) && (CardSafety.ShowsLiterally(s.Text, Link) || CardSafety.ShowsLiterally(s.Text, "![x](http://evil.example/x.png)"))));
        Assert.Equal(Link, safe["body"]![2]!["value"]!.GetValue<string>());
        Assert.Equal(@"\[click\](http://evil.example/)", safe["body"]![0]!["text"]!.GetValue<string>());
    }
}
