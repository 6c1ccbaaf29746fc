using System.Text.RegularExpressions;

namespace PeerBot.Conversations;

/// <summary>Splits typed text into a command word and its arguments: "/findpeer VP marketing" → ("findpeer", "VP marketing").</summary>
public static partial class CommandText
{
    public const string AppWord = "peerbot";

    public static (string Command, string Arguments) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ("", "");
        }
        // Channel mentions arrive as markup in some clients ("<at>PeerBot</at> findpeer ..."); drop them.
        var cleaned = Mention().Replace(text, " ").Trim();
        cleaned = cleaned.TrimStart('/', ' ');
        var space = cleaned.IndexOfAny([' ', '\t', '\n', '\r']);
        var word = space < 0 ? cleaned : cleaned[..space];
        var rest = space < 0 ? "" : cleaned[(space + 1)..].Trim();
        word = word.ToLowerInvariant();
        // "peerbot cadence weekly" (and Slack's "/peerbot ...") name the command after the app's own name.
        if (word == AppWord)
        {
            return rest.Length == 0 ? ("help", "") : Parse(rest);
        }
        return (word, rest);
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();
}
