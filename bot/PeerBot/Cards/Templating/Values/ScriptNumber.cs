using System.Globalization;
using System.Text;

namespace PeerBot.Cards.Templating.Values;

/// <summary>Number text exactly as ECMAScript writes and reads it (Number#toString, parseInt).</summary>
internal static class ScriptNumber
{
    public static string ToText(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (value == 0)
        {
            return "0";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value < 0)
        {
            return "-" + ToText(-value);
        }

        var (digits, pointPosition) = ShortestDigits(value);
        var k = digits.Length;
        var n = pointPosition;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }
        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }
        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }
        var exponent = n - 1;
        var sign = exponent < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + sign + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>ECMAScript parseInt(text) with no radix.</summary>
    public static double ParseInt(string text)
    {
        var i = 0;
        while (i < text.Length && ScriptValue.IsWhiteSpace(text[i]))
        {
            i++;
        }
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
            radix = 16;
            i += 2;
        }
        double result = 0;
        var any = false;
        for (; i < text.Length; i++)
        {
            var digit = DigitValue(text[i]);
            if (digit < 0 || digit >= radix)
            {
                break;
            }
            result = result * radix + digit;
            any = true;
        }
        if (!any)
        {
            return double.NaN;
        }
        return negative ? -result : result;
    }

    public static bool IsInteger(object? value) => value is double d && double.IsFinite(d) && Math.Floor(d) == d;

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    // The shortest round-trip digits of a positive finite number and the position of the decimal point
    // relative to the first digit (value = 0.DIGITS * 10^pointPosition).
    private static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerLength = dot < 0 ? text.Length : dot;
        var all = new StringBuilder(text.Length).Append(dot < 0 ? text : text.Remove(dot, 1)).ToString();
        var leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0')
        {
            leadingZeros++;
        }
        var digits = all[leadingZeros..].TrimEnd('0');
        return (digits, integerLength - leadingZeros + exponent);
    }
}
