using System.Text.RegularExpressions;

namespace PeerBot.Slack;

/// <summary>Text members type in Slack, as plain text: mentions dropped, links reduced to their label, entities decoded.</summary>
public static partial class SlackText
{
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var plain = Mention().Replace(text, " ");
        plain = Markup().Replace(plain, m => m.Groups["label"].Success ? m.Groups["label"].Value : m.Groups["target"].Value);
        return plain.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Trim();
    }

    [GeneratedRegex(@"<[@!#][^>]*>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"<(?<target>[^|>]+)(\|(?<label>[^>]*))?>")]
    private static partial Regex Markup();
}
