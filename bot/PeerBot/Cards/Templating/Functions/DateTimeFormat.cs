using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PeerBot.Cards.Templating.Expressions;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>
/// Date formatting in two steps, as the reference engine does it: a .NET custom format ("ddd d MMM yyyy")
/// is first rewritten into day.js tokens ("ddd D MMM YYYY"), which are then written out. Literal text is
/// copied into the day.js format unescaped, so letters in it can still act as day.js tokens; that is how
/// the reference engine behaves and is kept on purpose.
/// </summary>
internal static partial class DateTimeFormat
{
    /// <summary>The ISO form used when no format is given, in day.js tokens.</summary>
    public const string Default = "YYYY-MM-DDTHH:mm:ss.SSS[Z]";

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private enum Token
    {
        None,
        D1, D2, D3, D4,
        LowerF1, LowerF2, LowerF3,
        UpperF1, UpperF2, UpperF3,
        Era,
        LowerH1, LowerH2,
        UpperH1, UpperH2,
        LowerM1, LowerM2,
        UpperM1, UpperM2, UpperM3, UpperM4,
        S1, S2,
        T1, T2,
        Y1, Y2, Y3, Y4,
        Z1, Z2, Z3,
        SingleQuoted,
        DoubleQuoted,
        Escaped,
    }

    /// <summary>The day.js format for a .NET format; an empty format means the default ISO form.</summary>
    public static string FromDotNet(string format)
    {
        if (format.Length == 0)
        {
            return Default;
        }
        try
        {
            return Convert(format);
        }
        catch (FormatException)
        {
            // Formats day.js cannot express are used as they are.
            return format;
        }
    }

    public static string Write(DateTime utc, string format)
    {
        return DayJsTokens().Replace(format, match =>
        {
            if (match.Groups[1].Success)
            {
                return match.Groups[1].Value;
            }
            var hour12 = utc.Hour % 12 == 0 ? 12 : utc.Hour % 12;
            return match.Value switch
            {
                "YY" => Text(utc.Year).Length > 2 ? Text(utc.Year)[^2..] : Text(utc.Year),
                "YYYY" => Text(utc.Year).PadLeft(4, '0'),
                "M" => Text(utc.Month),
                "MM" => Text(utc.Month).PadLeft(2, '0'),
                "MMM" => MonthNames[utc.Month - 1][..3],
                "MMMM" => MonthNames[utc.Month - 1],
                "D" => Text(utc.Day),
                "DD" => Text(utc.Day).PadLeft(2, '0'),
                "d" => Text((int)utc.DayOfWeek),
                "dd" => DayNames[(int)utc.DayOfWeek][..2],
                "ddd" => DayNames[(int)utc.DayOfWeek][..3],
                "dddd" => DayNames[(int)utc.DayOfWeek],
                "H" => Text(utc.Hour),
                "HH" => Text(utc.Hour).PadLeft(2, '0'),
                "h" => Text(hour12),
                "hh" => Text(hour12).PadLeft(2, '0'),
                "a" => utc.Hour < 12 ? "am" : "pm",
                "A" => utc.Hour < 12 ? "AM" : "PM",
                "m" => Text(utc.Minute),
                "mm" => Text(utc.Minute).PadLeft(2, '0'),
                "s" => Text(utc.Second),
                "ss" => Text(utc.Second).PadLeft(2, '0'),
                "SSS" => Text(utc.Millisecond).PadLeft(3, '0'),
                "Z" => "+00:00",
                _ => "+0000",
            };
        });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Convert(string format)
    {
        if (format.Length == 1)
        {
            switch (format)
            {
                case "R" or "r" or "U" or "u":
                    throw new FormatException($"The standard format '{format}' has no day.js equivalent.");
                case "O" or "o":
                    format = "YYYY-MM-DDTHH:mm:ss.SSS0000Z";
                    break;
            }
        }

        var result = new StringBuilder();
        var state = Token.None;
        var literal = new StringBuilder();

        void ChangeState(Token next)
        {
            result.Append(state switch
            {
                Token.D1 => "D",
                Token.D2 => "DD",
                Token.D3 => "ddd",
                Token.D4 => "dddd",
                Token.LowerF1 or Token.UpperF1 or Token.LowerF2 or Token.UpperF2 or Token.Era =>
                    throw new FormatException("Fractions below milliseconds and eras are not supported."),
                Token.LowerF3 or Token.UpperF3 => "SSS",
                Token.LowerH1 => "h",
                Token.LowerH2 => "hh",
                Token.UpperH1 => "H",
                Token.UpperH2 => "HH",
                Token.LowerM1 => "m",
                Token.LowerM2 => "mm",
                Token.UpperM1 => "M",
                Token.UpperM2 => "MM",
                Token.UpperM3 => "MMM",
                Token.UpperM4 => "MMMM",
                Token.S1 => "s",
                Token.S2 => "ss",
                Token.T1 or Token.T2 => "A",
                Token.Y1 or Token.Y2 => "YY",
                Token.Y3 or Token.Y4 => "YYYY",
                Token.Z1 or Token.Z2 => "ZZ",
                Token.Z3 => "Z",
                Token.SingleQuoted or Token.DoubleQuoted or Token.Escaped => literal.ToString(),
                _ => string.Empty,
            });
            literal.Clear();
            state = next;
        }

        // A repeated letter moves to the next longer token, up to the longest one.
        void Repeat(Token first, params Token[] longer)
        {
            var at = Array.IndexOf(longer, state);
            if (state == first)
            {
                state = longer[0];
            }
            else if (at >= 0)
            {
                state = longer[Math.Min(at + 1, longer.Length - 1)];
            }
            else
            {
                ChangeState(first);
            }
        }

        foreach (var c in format)
        {
            if (state == Token.Escaped)
            {
                literal.Append(c);
                ChangeState(Token.None);
            }
            else if (state == Token.DoubleQuoted)
            {
                if (c == '`')
                {
                    ChangeState(Token.None);
                }
                else
                {
                    literal.Append(c);
                }
            }
            else if (state == Token.SingleQuoted)
            {
                if (c == '\'')
                {
                    ChangeState(Token.None);
                }
                else
                {
                    literal.Append(c);
                }
            }
            else
            {
                switch (c)
                {
                    case 'd':
                        Repeat(Token.D1, Token.D2, Token.D3, Token.D4);
                        break;
                    case 'f':
                        Repeat(Token.LowerF1, Token.LowerF2, Token.LowerF3);
                        break;
                    case 'F':
                        Repeat(Token.UpperF1, Token.UpperF2, Token.UpperF3);
                        break;
                    case 'g':
                        if (state != Token.Era)
                        {
                            ChangeState(Token.Era);
                        }
                        break;
                    case 'h':
                        Repeat(Token.LowerH1, Token.LowerH2);
                        break;
                    case 'H':
                        Repeat(Token.UpperH1, Token.UpperH2);
                        break;
                    case 'K':
                        ChangeState(Token.None);
                        result.Append('Z');
                        break;
                    case 'm':
                        Repeat(Token.LowerM1, Token.LowerM2);
                        break;
                    case 'M':
                        Repeat(Token.UpperM1, Token.UpperM2, Token.UpperM3, Token.UpperM4);
                        break;
                    case 's':
                        Repeat(Token.S1, Token.S2);
                        break;
                    case 't':
                        Repeat(Token.T1, Token.T2);
                        break;
                    case 'y':
                        Repeat(Token.Y1, Token.Y2, Token.Y3, Token.Y4);
                        break;
                    case 'z':
                        Repeat(Token.Z1, Token.Z2, Token.Z3);
                        break;
                    case ':' or '/':
                        ChangeState(Token.None);
                        result.Append(c);
                        break;
                    case '`':
                        ChangeState(Token.DoubleQuoted);
                        break;
                    case '\'':
                        ChangeState(Token.SingleQuoted);
                        break;
                    case '%':
                        ChangeState(Token.None);
                        break;
                    case '\\':
                        ChangeState(Token.Escaped);
                        break;
                    default:
                        ChangeState(Token.None);
                        result.Append(c);
                        break;
                }
            }
        }

        if (state is Token.Escaped or Token.DoubleQuoted or Token.SingleQuoted)
        {
            throw new FormatException("Invalid Format String");
        }
        ChangeState(Token.None);
        return result.ToString();
    }

    [GeneratedRegex(@"\[([^\]]+)]|YYYY|YY|M{1,4}|D{1,2}|d{1,4}|H{1,2}|h{1,2}|a|A|m{1,2}|s{1,2}|Z{1,2}|SSS")]
    private static partial Regex DayJsTokens();
}
