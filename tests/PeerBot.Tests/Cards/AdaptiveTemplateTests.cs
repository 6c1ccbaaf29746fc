using System.Text.Json.Nodes;
using PeerBot.Cards.Templating;

namespace PeerBot.Tests.Cards;

/// <summary>The templating rules, one by one, with the expected output written out.</summary>
public sealed class AdaptiveTemplateTests
{
    private const string Peer = """
        {
          "name": "Ada Lovelace", "title": "VP Marketing", "intros": 3, "ratio": 0.5, "discoverable": true,
          "org": { "name": "Contoso", "size": 250 }, "topics": ["pricing", "hiring", "board"], "none": [], "nothing": null
        }
        """;

    private static JsonNode Expand(string template, string data = Peer) =>
        new AdaptiveTemplate(template).Expand(JsonNode.Parse(data));

    private static void AssertExpands(string template, string expected, string data = Peer)
    {
        var actual = Expand(template, data);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n  actual {actual.ToJsonString()}");
    }

    [Fact]
    public void A_string_that_is_one_expression_keeps_the_value_type()
    {
        var card = Expand("""{ "n": "${intros}", "r": "${ratio}", "b": "${discoverable}", "o": "${org}", "a": "${topics}" }""");

        Assert.Equal(3, card["n"]!.GetValue<int>());
        Assert.Equal(0.5, card["r"]!.GetValue<double>());
        Assert.True(card["b"]!.GetValue<bool>());
        Assert.Equal("Contoso", card["o"]!["name"]!.GetValue<string>());
        Assert.Equal(3, card["a"]!.AsArray().Count);
    }

    [Fact]
    public void Text_mixed_with_expressions_becomes_a_string()
    {
        AssertExpands("""{ "t": "${name} has ${intros} intros (${discoverable}) at ${ratio}" }""",
            """{ "t": "Ada Lovelace has 3 intros (true) at 0.5" }""");
    }

    [Fact]
    public void An_undefined_path_stays_as_written()
    {
        AssertExpands("""{ "alone": "${missing}", "inText": "Hi ${org.missing}!", "deep": "${a.b.c}" }""",
            """{ "alone": "${missing}", "inText": "Hi ${org.missing}!", "deep": "${a.b.c}" }""");
    }

    [Fact]
    public void A_literal_alone_is_text_but_a_computed_value_keeps_its_type()
    {
        AssertExpands("""{ "literal": "${5}", "computed": "${2 + 3}", "flag": "${true}", "test": "${1 == 1}" }""",
            """{ "literal": "5", "computed": 5, "flag": "true", "test": true }""");
    }

    [Fact]
    public void Null_is_kept_alone_but_cannot_be_written_into_text()
    {
        AssertExpands("""{ "v": "${nothing}" }""", """{ "v": null }""");
        var error = Assert.Throws<TemplateException>(() => Expand("""{ "v": "Value: ${nothing}" }"""));
        Assert.Contains("nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_reach_members_indexes_and_the_root()
    {
        AssertExpands("""
            { "a": "${org.name}", "b": "${topics[0]}", "c": "${topics['1']}", "d": "${org['size']}", "e": "${topics[intros - 1]}",
              "f": { "$data": "${org}", "own": "${name}", "root": "${$root.name}" } }
            """,
            """{ "a": "Contoso", "b": "pricing", "c": "hiring", "d": 250, "e": "board", "f": { "own": "Contoso", "root": "Ada Lovelace" } }""");
    }

    [Fact]
    public void Property_names_match_regardless_of_case()
    {
        AssertExpands("""{ "a": "${NAME}", "b": "${Org.Size}" }""", """{ "a": "Ada Lovelace", "b": 250 }""");
    }

    [Fact]
    public void Data_bound_to_a_list_repeats_the_element_in_place()
    {
        AssertExpands("""
            { "body": [
                { "type": "TextBlock", "text": "first" },
                { "type": "TextBlock", "$data": "${topics}", "text": "${$index}: ${$data}" },
                { "type": "TextBlock", "text": "last" } ] }
            """,
            """
            { "body": [
                { "type": "TextBlock", "text": "first" },
                { "type": "TextBlock", "text": "0: pricing" },
                { "type": "TextBlock", "text": "1: hiring" },
                { "type": "TextBlock", "text": "2: board" },
                { "type": "TextBlock", "text": "last" } ] }
            """);
    }

    [Fact]
    public void Nested_repetition_has_its_own_index()
    {
        AssertExpands("""{ "rows": [ { "$data": "${rows}", "row": "${$index}", "cells": [ { "$data": "${cells}", "v": "${$data}@${$index}" } ] } ] }""",
            """{ "rows": [ { "row": 0, "cells": [ { "v": "a@0" }, { "v": "b@1" } ] }, { "row": 1, "cells": [ { "v": "c@0" } ] } ] }""",
            """{ "rows": [ { "cells": ["a", "b"] }, { "cells": ["c"] } ] }""");
    }

    [Fact]
    public void Data_bound_to_an_empty_list_removes_the_element()
    {
        AssertExpands("""{ "list": [ { "$data": "${none}", "x": 1 }, { "y": 2 } ], "single": { "$data": "${none}", "x": 1 } }""",
            """{ "list": [ { "y": 2 } ], "single": null }""");
    }

    [Fact]
    public void Data_can_be_a_literal_object()
    {
        AssertExpands("""{ "card": { "$data": { "name": "Literal" }, "text": "${name}" } }""", """{ "card": { "text": "Literal" } }""");
    }

    [Fact]
    public void When_keeps_an_element_only_if_it_is_exactly_true()
    {
        AssertExpands("""
            { "body": [
                { "$when": "${intros > 2}", "t": "kept" },
                { "$when": "${intros > 5}", "t": "dropped" },
                { "$when": "${intros}", "t": "a number is not true" },
                { "$when": "${missing}", "t": "missing is not true" },
                { "$when": "${!missing}", "t": "not missing is true" } ],
              "p": { "$when": "${false == true}", "x": 1 } }
            """,
            """{ "body": [ { "t": "kept" }, { "t": "not missing is true" } ], "p": null }""");
    }

    [Fact]
    public void When_is_evaluated_for_each_repeated_item()
    {
        AssertExpands("""{ "people": [ { "$data": "${people}", "$when": "${count(topics) > 0}", "n": "${name}" } ] }""",
            """{ "people": [ { "n": "A" } ] }""",
            """{ "people": [ { "name": "A", "topics": ["x"] }, { "name": "B", "topics": [] }, { "name": "C" } ] }""");
    }

    [Fact]
    public void Reserved_keys_are_removed_from_the_output()
    {
        AssertExpands("""{ "$data": "${org}", "$when": "${true == true}", "$root": 1, "$index": 2, "$host": 3, "$other": 4, "n": "${name}" }""",
            """{ "$other": 4, "n": "Contoso" }""");
    }

    [Fact]
    public void Data_values_are_never_evaluated()
    {
        const string data = """{ "bio": "${$root.secret}", "secret": "s3cret", "items": [ { "t": "${secret}" } ], "tags": ["${secret}"] }""";
        AssertExpands("""{ "a": "${bio}", "b": "Bio: ${bio}", "c": [ { "$data": "${items}", "t": "${t}" } ], "d": "${join(tags, ', ')}", "e": "${tags}" }""",
            """{ "a": "${$root.secret}", "b": "Bio: ${$root.secret}", "c": [ { "t": "${secret}" } ], "d": "${secret}", "e": ["${secret}"] }""",
            data);
    }

    [Fact]
    public void Operators_follow_precedence()
    {
        AssertExpands("""
            { "a": "${1 + 2 * 3 - 4 / 2}", "b": "${(1 + 2) * 3}", "c": "${2 ^ 3 ^ 2}", "d": "${-intros + 1}", "e": "${7 / 2}", "f": "${7.5 / 2}",
              "g": "${-7 % 3}", "h": "${intros > 2 && !discoverable || org.size >= 250}", "i": "${true ? 1 : 0 ? 5 : 6}" }
            """,
            """{ "a": 5, "b": 9, "c": 512, "d": -2, "e": 3, "f": 3.75, "g": -1, "h": true, "i": 5 }""");
    }

    [Fact]
    public void Equality_binds_tighter_than_comparison()
    {
        // 1 < (2 == true): a number cannot be compared with a boolean.
        Assert.Throws<TemplateException>(() => Expand("""{ "a": "${1 < 2 == true}" }"""));
    }

    [Fact]
    public void Plus_joins_text_when_either_side_is_text()
    {
        AssertExpands("""{ "a": "${'a' + 1}", "b": "${name + ' (' + title + ')'}", "c": "${'x' + missing}", "d": "${'a' & 1 & true}" }""",
            """{ "a": "a1", "b": "Ada Lovelace (VP Marketing)", "c": "x${missing}", "d": "a1true" }""");
    }

    [Fact]
    public void String_literals_take_either_quote_and_escapes()
    {
        AssertExpands("""{ "a": "${'it\\'s'}", "b": "${\"say \\\"hi\\\"\"}", "c": "${'a\\nb'}" }""",
            """{ "a": "it's", "b": "say \"hi\"", "c": "a\nb" }""");
    }

    [Fact]
    public void A_backslash_keeps_dollar_brace_literal()
    {
        AssertExpands("""{ "a": "cost \\${intros}" }""", """{ "a": "cost ${intros}" }""");
    }

    [Theory]
    [InlineData("${if(discoverable, 'on', 'off')}", "\"on\"")]
    [InlineData("${if(missing, 'yes', 'no')}", "\"no\"")]
    [InlineData("${count(topics)}", "3")]
    [InlineData("${count(name)}", "12")]
    [InlineData("${join(topics, ', ')}", "\"pricing, hiring, board\"")]
    [InlineData("${join(topics, ', ', ' and ')}", "\"pricing, hiring and board\"")]
    [InlineData("${join(none, ', ', ' and ')}", "\"\"")]
    [InlineData("${formatDateTime('2025-03-09T14:05:09Z', 'ddd d MMM yyyy h:mm tt')}", "\"Sun 9 Mar 2025 2:05 PM\"")]
    [InlineData("${formatDateTime('2025-03-09T23:30:00-02:00', 'yyyy-MM-dd HH:mm')}", "\"2025-03-10 01:30\"")]
    [InlineData("${formatDateTime('2025-12-31')}", "\"2025-12-31T00:00:00.000Z\"")]
    [InlineData("${json('{\"a\": [1, 2]}').a[1]}", "2")]
    [InlineData("${string(1234.5)}", "\"1,234.5\"")]
    [InlineData("${string(org)}", "\"{\\\"name\\\":\\\"Contoso\\\",\\\"size\\\":250}\"")]
    [InlineData("${concat(name, ' @ ', org.name)}", "\"Ada Lovelace @ Contoso\"")]
    [InlineData("${length(name)}", "12")]
    [InlineData("${empty(none)}", "true")]
    [InlineData("${empty(topics)}", "false")]
    [InlineData("${not(discoverable)}", "false")]
    [InlineData("${and(discoverable, intros > 1)}", "true")]
    [InlineData("${or(missing, false)}", "false")]
    [InlineData("${equals(org.size, 250)}", "true")]
    [InlineData("${greater(intros, 3)}", "false")]
    [InlineData("${less(ratio, 1)}", "true")]
    [InlineData("${toUpper('straße')}", "\"STRASSE\"")]
    [InlineData("${toLower(title)}", "\"vp marketing\"")]
    [InlineData("${first(topics)}", "\"pricing\"")]
    [InlineData("${last(topics)}", "\"board\"")]
    [InlineData("${contains(topics, 'hiring')}", "true")]
    [InlineData("${contains(name, 'Love')}", "true")]
    [InlineData("${contains(org, 'SIZE')}", "true")]
    [InlineData("${substring(name, 4)}", "\"Lovelace\"")]
    [InlineData("${substring(name, 0, 3)}", "\"Ada\"")]
    [InlineData("${replace('a.b.c', '.', '/')}", "\"a/b/c\"")]
    [InlineData("${trim('  spaced  ')}", "\"spaced\"")]
    [InlineData("${add(1, 2, 3)}", "6")]
    [InlineData("${sub(10, 3)}", "7")]
    [InlineData("${mul(2, 3, 4)}", "24")]
    [InlineData("${div(100, 7)}", "14")]
    [InlineData("${exists(name)}", "true")]
    [InlineData("${exists(nothing)}", "false")]
    [InlineData("${nothing ?? 'fallback'}", "\"fallback\"")]
    public void Standard_functions(string expression, string expectedJson)
    {
        var card = Expand($$"""{ "v": "{{expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}}" }""");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), card["v"]), $"{expression} gave {card["v"]?.ToJsonString()}");
    }

    [Fact]
    public void An_unknown_function_is_rejected_by_name()
    {
        var alone = Assert.Throws<TemplateException>(() => new AdaptiveTemplate("""{ "a": "${shout(name)}" }"""));
        Assert.Contains("shout", alone.Message, StringComparison.Ordinal);
        var inText = Assert.Throws<TemplateException>(() => new AdaptiveTemplate("""{ "a": "Hi ${shout(name)}" }"""));
        Assert.Contains("shout", inText.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_rejected_when_the_template_is_read()
    {
        Assert.Throws<TemplateException>(() => new AdaptiveTemplate("""{ "a": "${1 +}" }"""));
        Assert.Throws<TemplateException>(() => new AdaptiveTemplate("""{ "a": "${count('a', 1)}" }"""));
    }

    [Fact]
    public void An_error_in_a_whole_value_fails_but_in_text_is_written_back()
    {
        Assert.Throws<TemplateException>(() => Expand("""{ "a": "${topics[5]}" }"""));
        AssertExpands("""{ "a": "x ${topics[5]} y ${intros / 0}" }""", """{ "a": "x ${topics[5]} y ${(intros / 0)}" }""");
    }

    [Fact]
    public void A_template_whose_root_is_dropped_is_an_error()
    {
        Assert.Throws<TemplateException>(() => Expand("""{ "$when": "${false == true}", "a": 1 }"""));
    }

    [Fact]
    public void Null_items_are_dropped_from_lists_and_list_values_are_spliced()
    {
        AssertExpands("""{ "a": [null, 1, "${topics}", "${nothing}"], "b": "${first(none)}", "c": 2 }""",
            """{ "a": [1, "pricing", "hiring", "board"], "c": 2 }""");
    }

    [Fact]
    public void A_template_expands_many_times_without_changing_its_input()
    {
        var template = new AdaptiveTemplate("""{ "body": [ { "$data": "${items}", "t": "${$data}" } ], "n": "${setProperty(holder, 'k', 1).k}" }""");
        var data = JsonNode.Parse("""{ "items": ["a"], "holder": {} }""")!;

        var first = template.Expand(data);
        var second = template.Expand(JsonNode.Parse("""{ "items": ["b", "c"], "holder": {} }"""));

        Assert.Equal("""{"body":[{"t":"a"}],"n":1}""", first.ToJsonString());
        Assert.Equal("""{"body":[{"t":"b"},{"t":"c"}],"n":1}""", second.ToJsonString());
        Assert.Equal("""{"items":["a"],"holder":{}}""", data.ToJsonString());
    }

    [Fact]
    public void Literal_data_in_the_template_is_not_changed_by_an_expansion()
    {
        // "before" reads the literal before setProperty changes this expansion's copy of it.
        var template = new AdaptiveTemplate("""{ "card": { "$data": { "n": 1 }, "before": "${n}", "set": "${setProperty($data, 'n', 2).n}", "after": "${n}" } }""");

        Assert.Equal("""{"card":{"before":1,"set":2,"after":2}}""", template.Expand(null).ToJsonString());
        Assert.Equal("""{"card":{"before":1,"set":2,"after":2}}""", template.Expand(null).ToJsonString());
    }

    [Fact]
    public void Null_data_leaves_paths_unresolved()
    {
        var card = new AdaptiveTemplate("""{ "a": "${name}", "b": "x" }""").Expand(null);
        Assert.Equal("""{"a":"${name}","b":"x"}""", card.ToJsonString());
    }
}
