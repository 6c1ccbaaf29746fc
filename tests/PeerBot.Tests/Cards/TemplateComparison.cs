using System.Text.Json.Nodes;
using PeerBot.Cards.Templating;

namespace PeerBot.Tests.Cards;

/// <summary>Expands one template with our engine and checks it against the npm package's result for the same input.</summary>
internal static class TemplateComparison
{
    /// <summary>Our expansion: the card, or the error message.</summary>
    public static (JsonNode? Card, string? Error) ExpandHere(JsonNode template, JsonNode? data)
    {
        try
        {
            var card = new AdaptiveTemplate(template.ToJsonString()).Expand(data?.DeepClone());
            return (card, null);
        }
        catch (TemplateException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// The npm result must equal ours: both cards structurally equal, or both failing. The npm package
    /// returns null (or nothing) for a template whose root is dropped; ours reports that as an error.
    /// </summary>
    public static void AssertSame(string label, JsonNode template, JsonNode? data, JsonNode npmResult)
    {
        var (card, error) = ExpandHere(template, data);
        var npmFailed = npmResult["ok"]?.GetValue<bool>() == false;
        var npmCard = npmResult["card"];
        var npmEmpty = !npmFailed && npmCard is null;

        if (npmFailed || npmEmpty)
        {
            Assert.True(error is not null,
                $"{label}: npm {(npmFailed ? "failed: " + npmResult["error"] : "expanded to nothing")}, but we produced {card?.ToJsonString()}");
            return;
        }
        Assert.True(error is null, $"{label}: npm produced {npmCard!.ToJsonString()}, but we failed: {error}");
        var ours = JsonNode.Parse(card!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(ours, npmCard),
            $"{label}:\n  npm:  {npmCard!.ToJsonString()}\n  ours: {ours!.ToJsonString()}");
    }
}
