using System.Globalization;
using System.Text;

namespace PeerBot.Matching;

/// <summary>
/// Turns a title into words the taxonomy can look up: lower case, accents dropped, "V.P." read as
/// "vp", "&amp;" and "+" read as "and", and punctuation such as commas, slashes and bars kept as
/// breaks a phrase cannot span.
/// </summary>
internal static class RoleText
{
    /// <summary>Marks a break (comma, slash, bar, bracket, dash between spaces) in a word list.</summary>
    public const string Break = "|";

    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var segment = 0;
        void EndWord()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
            segment = 0;
        }
        void AddBreak()
        {
            EndWord();
            if (words.Count > 0 && words[^1] != Break)
            {
                words.Add(Break);
            }
        }

        var folded = Fold(text);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            var next = i + 1 < folded.Length ? folded[i + 1] : '\0';
            var previous = i > 0 ? folded[i - 1] : '\0';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                segment++;
            }
            else if (c is '.')
            {
                // "v.p." and "e.v.p." are one word; "sr.manager" is two.
                if (segment == 1 && char.IsLetter(next))
                {
                    segment = 0;
                }
                else
                {
                    EndWord();
                }
            }
            else if (c is '\'' or '\u2019')
            {
                // "people's" reads as "peoples".
            }
            else if (c is '&' or '+')
            {
                EndWord();
                words.Add("and");
            }
            else if (c is '@')
            {
                EndWord();
                words.Add("at");
            }
            else if (c is '-' or '\u2010' or '\u2011')
            {
                // "co-founder" joins words; " - " separates parts of a title.
                if (char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next))
                {
                    EndWord();
                }
                else
                {
                    AddBreak();
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                EndWord();
            }
            else
            {
                AddBreak();
            }
        }
        EndWord();
        if (words.Count > 0 && words[^1] == Break)
        {
            words.RemoveAt(words.Count - 1);
        }
        return words;
    }

    /// <summary>The form taxonomy terms are stored in: words joined by single spaces, no breaks.</summary>
    public static string NormaliseTerm(string term) => string.Join(' ', Words(term).Where(w => w != Break));

    private static string SafeNormalize(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                sb.Append(rune.ToString());
            }
            return sb.ToString().Normalize(NormalizationForm.FormKD);
        }
    }

    private static string Fold(string text)
    {
        // Text that never passed the profile form (imports, queries) may hold half a surrogate pair, which Normalize rejects.
        var decomposed = SafeNormalize(text);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }
}
