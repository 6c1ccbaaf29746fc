using System.Globalization;
using System.Text.RegularExpressions;
using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>formatDateTime(timestamp[, format[, locale]]), with .NET-style format strings.</summary>
internal static partial class DateTimeFunctions
{
    public static readonly ExpressionFunction FormatDateTime = new("formatDateTime", ReturnType.String,
        FunctionSupport.Apply(Format),
        e => FunctionSupport.ValidateOrder(e, [ReturnType.String, ReturnType.String], ReturnType.String));

    private static Outcome Format(List<object?> a)
    {
        if (a[0] is not string timestamp)
        {
            return Outcome.Fail($"{ScriptValue.ToText(a[0])} is not a timestamp.");
        }
        if (!TryParseTimestamp(timestamp, out var instant))
        {
            return Outcome.Fail($"{timestamp} is not a valid datetime string.");
        }

        var format = DateTimeFormat.Default;
        if (a.Count == 3 && a[2] is string && a[1] is string withLocale)
        {
            format = withLocale.Length > 0 ? DateTimeFormat.FromDotNet(withLocale) : DateTimeFormat.Default;
        }
        else if (a.Count == 2 && a[1] is string plain)
        {
            format = DateTimeFormat.FromDotNet(plain);
        }
        // Month and day names are always English: the reference engine loads no other locale.
        return Outcome.Of(DateTimeFormat.Write(instant, format));
    }

    /// <summary>
    /// ISO 8601 timestamps: a date, optionally a time (seconds and fractions optional), optionally an offset.
    /// Without an offset the time is UTC. Fractions beyond milliseconds are cut off.
    /// </summary>
    internal static bool TryParseTimestamp(string text, out DateTime utc)
    {
        utc = default;
        var match = IsoTimestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }
        int Part(string name, int fallback) =>
            match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;

        var (year, month, day) = (Part("year", 0), Part("month", 1), Part("day", 1));
        var (hour, minute, second) = (Part("hour", 0), Part("minute", 0), Part("second", 0));
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.PadRight(3, '0')[..3] : "000";
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var local = new DateTime(year, month, day, hour, minute, second, int.Parse(fraction, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var offsetMinutes = 0;
        if (match.Groups["offsetHours"].Success)
        {
            offsetMinutes = Part("offsetHours", 0) * 60 + Part("offsetMinutes", 0);
            if (match.Groups["sign"].Value == "-")
            {
                offsetMinutes = -offsetMinutes;
            }
        }
        if ((offsetMinutes > 0 && local < DateTime.MinValue.AddMinutes(offsetMinutes))
            || (offsetMinutes < 0 && local > DateTime.MaxValue.AddMinutes(offsetMinutes)))
        {
            return false;
        }
        utc = local.AddMinutes(-offsetMinutes);
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>\d{2})(-(?<day>\d{2})([Tt ](?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(\.(?<fraction>\d+))?)?([Zz]|(?<sign>[+-])(?<offsetHours>\d{2}):?(?<offsetMinutes>\d{2}))?)?)?)?$")]
    private static partial Regex IsoTimestamp();
}
