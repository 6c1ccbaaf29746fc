namespace PeerBot.Cards.Templating.Expressions;

/// <summary>
/// Splits expression text into tokens. Where two tokens could start at the same place the longer wins,
/// so <c>%x</c> is a name while <c>% x</c> is the remainder operator.
/// </summary>
internal static class ExpressionLexer
{
    private static readonly string[] TwoCharacterOperators = ["==", "!=", "<>", "&&", "||", "<=", ">=", "=>", "??"];

    private const string OneCharacterOperators = "+-!^*/%&<>().[]{},:?";

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\ufeff' or '\u00a0' or '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                i += c == '\r' ? 2 : 1;
                continue;
            }

            var start = i;
            if (c == '`')
            {
                var parts = ScanInterpolation(text, ref i);
                tokens.Add(parts is null
                    ? new Token(TokenKind.Invalid, text[start..], start)
                    : new Token(TokenKind.Interpolation, text[start..i], start, parts));
                if (parts is null)
                {
                    break;
                }
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i += 2;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                continue;
            }
            var identifierEnd = MatchIdentifier(text, i);
            if (identifierEnd > i && !(c == '%' && identifierEnd == i + 1))
            {
                tokens.Add(new Token(TokenKind.Identifier, text[i..identifierEnd], start));
                i = identifierEnd;
                continue;
            }
            if (c is '\'' or '"')
            {
                var end = MatchString(text, i);
                if (end < 0)
                {
                    tokens.Add(new Token(TokenKind.Invalid, text[i..(i + 1)], start));
                    i++;
                    continue;
                }
                tokens.Add(new Token(TokenKind.String, text[i..end], start));
                i = end;
                continue;
            }
            if (i + 1 < text.Length && TwoCharacterOperators.Contains(text.Substring(i, 2)))
            {
                tokens.Add(new Token(TokenKind.Operator, text.Substring(i, 2), start));
                i += 2;
                continue;
            }
            tokens.Add(new Token(OneCharacterOperators.Contains(c, StringComparison.Ordinal) ? TokenKind.Operator : TokenKind.Invalid, c.ToString(), start));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    /// <summary>
    /// A name: a letter, <c>_</c>, <c>#</c>, <c>@</c>, <c>@@</c>, <c>$</c> or <c>%</c>, then ASCII letters,
    /// digits and <c>_</c>. Returns the end, or <paramref name="start"/> when there is no name here.
    /// </summary>
    public static int MatchIdentifier(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }
        var c = text[start];
        int i;
        if (c == '@' && start + 1 < text.Length && text[start + 1] == '@')
        {
            i = start + 2;
        }
        else if (char.IsAsciiLetter(c) || c is '_' or '#' or '@' or '$' or '%')
        {
            i = start + 1;
        }
        else
        {
            return start;
        }
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }
        return i;
    }

    /// <summary>A quoted string from <paramref name="start"/>; a backslash escapes the quote or a backslash. Returns the end or -1.</summary>
    public static int MatchString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                i += 2;
            }
            else if (c == quote)
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }
        return -1;
    }

    // The inside of a backtick string, from the opening backtick to just past the closing one.
    // Returns null when the string never closes.
    private static List<InterpolationPart>? ScanInterpolation(string text, ref int i)
    {
        var parts = new List<InterpolationPart>();
        var literal = new System.Text.StringBuilder();

        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                parts.Add(new InterpolationPart(InterpolationPartKind.Text, literal.ToString()));
                literal.Clear();
            }
        }

        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '`')
            {
                i++;
                FlushLiteral();
                return parts;
            }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = MatchTemplate(text, i);
                if (end > 0)
                {
                    FlushLiteral();
                    parts.Add(new InterpolationPart(InterpolationPartKind.Expression, text[i..end]));
                    i = end;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '`' or '$')
            {
                FlushLiteral();
                parts.Add(new InterpolationPart(InterpolationPartKind.Escape, text.Substring(i, 2)));
                i += 2;
                continue;
            }
            literal.Append(c);
            i++;
        }
        return null;
    }

    // "${" then strings, object literals and any characters but line breaks, braces, quotes and backticks,
    // then "}". Returns the end or -1.
    private static int MatchTemplate(string text, int start)
    {
        var i = start + 2;
        var length = 0;
        while (i < text.Length)
        {
            var c = text[i];
            int end;
            switch (c)
            {
                case '}':
                    return length > 0 ? i + 1 : -1;
                case '\'' or '"':
                    end = MatchString(text, i);
                    break;
                case '{':
                    end = MatchObjectDefinition(text, i);
                    break;
                case '\r' or '\n' or '`':
                    return -1;
                default:
                    end = i + 1;
                    break;
            }
            if (end < 0)
            {
                return -1;
            }
            i = end;
            length++;
        }
        return -1;
    }

    // An object literal inside "${...}": "{", then "key: value" runs where the value may hold strings and
    // nested object literals, then "}". Whitespace directly after a brace is not allowed, as in the reference grammar.
    private static int MatchObjectDefinition(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '}')
            {
                return i + 1;
            }
            var keyEnd = text[i] is '\'' or '"' ? MatchString(text, i) : MatchIdentifier(text, i);
            if (keyEnd <= i || keyEnd >= text.Length || text[keyEnd] != ':')
            {
                return -1;
            }
            i = keyEnd + 1;
            var valueLength = 0;
            while (i < text.Length)
            {
                var c = text[i];
                int end;
                if (c is '\'' or '"')
                {
                    end = MatchString(text, i);
                }
                else if (c == '{')
                {
                    end = MatchObjectDefinition(text, i);
                }
                else if (c is '}' or '\r' or '\n' or '`')
                {
                    break;
                }
                else
                {
                    end = i + 1;
                }
                if (end < 0)
                {
                    return -1;
                }
                i = end;
                valueLength++;
            }
            if (valueLength == 0)
            {
                return -1;
            }
        }
        return -1;
    }
}
