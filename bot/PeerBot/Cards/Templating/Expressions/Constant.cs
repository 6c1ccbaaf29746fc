using System.Text;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>A literal in an expression.</summary>
internal sealed class Constant(object? value) : Expression(ConstantFunction, [])
{
    private static readonly ExpressionFunction ConstantFunction =
        new(ConstantType, ReturnType.Object, (expression, _, _) => Outcome.Of(((Constant)expression).Value));

    public object? Value { get; } = value;

    public override ReturnType ReturnType => Value switch
    {
        string => ReturnType.String,
        bool => ReturnType.Boolean,
        double d when !double.IsNaN(d) => ReturnType.Number,
        List<object?> => ReturnType.Array,
        _ => ReturnType.Object,
    };

    public override string ToString()
    {
        switch (Value)
        {
            case Undefined:
                return "undefined";
            case null:
                return "null";
            case string text:
                return "'" + EscapeQuotes(text.Replace("\\", "\\\\", StringComparison.Ordinal)) + "'";
            case double number:
                return ScriptNumber.ToText(number);
            case List<object?> or ScriptObject:
                return ScriptJson.Stringify(Value) ?? "undefined";
            default:
                return ScriptValue.ToText(Value);
        }
    }

    // A quote gets a backslash unless a backslash already precedes it.
    private static string EscapeQuotes(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'' && (i == 0 || text[i - 1] != '\\'))
            {
                builder.Append('\\');
            }
            builder.Append(text[i]);
        }
        return builder.ToString();
    }
}
