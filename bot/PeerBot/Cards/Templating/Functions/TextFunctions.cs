using System.Globalization;
using System.Text;
using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>Text functions: concat (and <c>&amp;</c>), join, length, toUpper, toLower, trim, substring, replace, string.</summary>
internal static class TextFunctions
{
    public static readonly ExpressionFunction Concat = new(Expression.ConcatType, ReturnType.String | ReturnType.Array,
        FunctionSupport.ApplySequence(ConcatPair), FunctionSupport.ValidateAtLeastOne);

    public static readonly ExpressionFunction Join = new("join", ReturnType.String, FunctionSupport.Apply(JoinList),
        e => FunctionSupport.ValidateOrder(e, [ReturnType.String], ReturnType.Array, ReturnType.String));

    public static readonly ExpressionFunction Length = new("length", ReturnType.Number,
        FunctionSupport.Apply(a => Outcome.Of((double)TextOrEmpty(a[0]).Length), FunctionSupport.VerifyStringOrNull),
        FunctionSupport.ValidateUnaryString);

    // Full Unicode case mapping, without locale rules: the reference engine's default locale is en-US.
    public static readonly ExpressionFunction ToUpper = StringTransform("toUpper", CaseMapping.ToUpper, FunctionSupport.ValidateUnaryOrBinaryString);

    public static readonly ExpressionFunction ToLower = StringTransform("toLower", CaseMapping.ToLower, FunctionSupport.ValidateUnaryOrBinaryString);

    public static readonly ExpressionFunction Trim = StringTransform("trim", ScriptValue.Trim, FunctionSupport.ValidateUnaryString);

    public static readonly ExpressionFunction Substring = new("substring", ReturnType.String, EvaluateSubstring,
        e => FunctionSupport.ValidateOrder(e, [ReturnType.Number], ReturnType.String, ReturnType.Number));

    public static readonly ExpressionFunction Replace = new("replace", ReturnType.String,
        FunctionSupport.Apply(a =>
        {
            var find = TextOrEmpty(a[1]);
            if (find.Length == 0)
            {
                return Outcome.Fail($"{ScriptValue.ToText(a[1])} should be a string with length at least 1");
            }
            return Outcome.Of(TextOrEmpty(a[0]).Replace(find, TextOrEmpty(a[2]), StringComparison.Ordinal));
        }, FunctionSupport.VerifyStringOrNull),
        e => FunctionSupport.ValidateArityAndAnyType(e, 3, 3, ReturnType.String));

    public static readonly ExpressionFunction String = new("string", ReturnType.String,
        FunctionSupport.Apply(a => Outcome.Of(ToDisplayText(a[0]))),
        e => FunctionSupport.ValidateOrder(e, [ReturnType.String], ReturnType.Object));

    private static string TextOrEmpty(object? value) => value as string ?? string.Empty;

    private static ExpressionFunction StringTransform(string type, Func<string, string> transform, Action<Expression> validate) =>
        new(type, ReturnType.String,
            FunctionSupport.Apply(a => a[0] is string or Undefined ? Outcome.Of(transform(TextOrEmpty(a[0]))) : Outcome.Of(Undefined.Value),
                FunctionSupport.VerifyStringOrNull),
            validate);

    private static Outcome ConcatPair(object? first, object? second)
    {
        var firstList = first as List<object?>;
        var secondList = second as List<object?>;
        if (ScriptValue.IsNullish(first) && ScriptValue.IsNullish(second))
        {
            return Outcome.Of(Undefined.Value);
        }
        if (ScriptValue.IsNullish(first) && secondList is not null)
        {
            return Outcome.Of(secondList);
        }
        if (ScriptValue.IsNullish(second) && firstList is not null)
        {
            return Outcome.Of(firstList);
        }
        if (firstList is not null && secondList is not null)
        {
            return Outcome.Of(new List<object?>([.. firstList, .. secondList]));
        }
        return Outcome.Of(CommonStringify(first) + CommonStringify(second));
    }

    /// <summary>Text of a value for concatenation: objects and lists as JSON without surrounding quotes.</summary>
    public static string CommonStringify(object? value)
    {
        if (ScriptValue.IsNullish(value))
        {
            return string.Empty;
        }
        if (value is List<object?> or ScriptObject)
        {
            return ScriptJson.Stringify(value)!.TrimStart('\'', '"').TrimEnd('\'', '"');
        }
        return ScriptValue.ToText(value);
    }

    private static Outcome JoinList(List<object?> a)
    {
        if (a[0] is not List<object?> list)
        {
            return Outcome.Fail($"{ScriptValue.ToText(a[0])} is not a list.");
        }
        if (a.Count == 2)
        {
            return Outcome.Of(ScriptValue.JoinList(list, Separator(a[1])));
        }
        if (list.Count < 3)
        {
            return Outcome.Of(ScriptValue.JoinList(list, Separator(a[2])));
        }
        var head = ScriptValue.JoinList(list.GetRange(0, list.Count - 1), Separator(a[1]));
        return Outcome.Of(head + ScriptValue.ToText(a[2]) + ScriptValue.ToText(list[^1]));
    }

    // Array.prototype.join uses "," when the separator is undefined.
    private static string Separator(object? value) => value is Undefined ? "," : ScriptValue.ToText(value);

    private static Outcome EvaluateSubstring(Expression expression, Memory memory, bool substitute)
    {
        var text = expression.Children[0].Evaluate(memory, substitute);
        if (text.Failed)
        {
            return text;
        }
        if (text.Value is Undefined)
        {
            return Outcome.Of(string.Empty);
        }
        if (text.Value is not string s)
        {
            return Outcome.Fail($"{expression.Children[0]} is neither a string nor a null object.");
        }

        var startExpression = expression.Children[1];
        var start = startExpression.Evaluate(memory, substitute);
        if (start.Failed)
        {
            return start;
        }
        if (!ScriptNumber.IsInteger(start.Value))
        {
            return Outcome.Fail($"{startExpression} is not an integer.");
        }
        var from = (double)start.Value!;
        if (from < 0 || from > s.Length)
        {
            return Outcome.Fail($"{startExpression}={ScriptNumber.ToText(from)} which is out of range for {s}");
        }

        double length = s.Length - from;
        if (expression.Children.Count == 3)
        {
            var lengthExpression = expression.Children[2];
            var given = lengthExpression.Evaluate(memory, substitute);
            if (given.Failed)
            {
                return given;
            }
            if (!ScriptNumber.IsInteger(given.Value))
            {
                return Outcome.Fail($"{lengthExpression} is not an integer");
            }
            length = (double)given.Value!;
            if (length < 0 || from + length > s.Length)
            {
                return Outcome.Fail($"{lengthExpression}={ScriptNumber.ToText(length)} which is out of range for {s}");
            }
        }
        return Outcome.Of(s.Substring((int)from, (int)length));
    }

    /// <summary>
    /// string(value): text as is; numbers with thousands separators and as many decimals as the number
    /// needs (1234.5 gives "1,234.5", negatives use the minus sign U+2212); objects and lists as JSON.
    /// </summary>
    private static string ToDisplayText(object? value)
    {
        switch (value)
        {
            case string s:
                return s;
            case double d when !double.IsNaN(d):
                return FormatGrouped(d);
            default:
                return CommonStringify(value);
        }
    }

    private static string FormatGrouped(double value)
    {
        var shortest = ScriptNumber.ToText(value);
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var precision = dot < 0 ? 0 : shortest.Length - dot - 1;
        var magnitude = Math.Abs(value);
        // toFixed falls back to plain number text from 1e21 up.
        var text = magnitude >= 1e21
            ? ScriptNumber.ToText(magnitude)
            : magnitude.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var negative = double.IsNegative(value) && double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != 0;

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('\u2212');
        }
        for (var i = 0; i < digits; i++)
        {
            if (i > 0 && (digits - i) % 3 == 0)
            {
                builder.Append(',');
            }
            builder.Append(text[i]);
        }
        return builder.Append(text[digits..]).ToString();
    }
}
