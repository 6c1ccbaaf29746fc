using System.Collections.Frozen;
using PeerBot.Cards.Templating.Expressions;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>
/// The functions and operators templates may use, by the name they are called with. Operators are looked
/// up by their symbol. Anything else is an unknown function, rejected when the template is parsed.
/// </summary>
internal static class FunctionLibrary
{
    private static readonly FrozenDictionary<string, ExpressionFunction> Functions = Build();

    public static ExpressionFunction Lookup(string name) =>
        Functions.TryGetValue(name, out var function)
            ? function
            : throw new TemplateException($"Unknown function '{name}'. Card templates can call: {string.Join(", ", CallableNames)}.");

    private static IEnumerable<string> CallableNames => Functions.Keys.Where(k => char.IsAsciiLetter(k[0])).Order(StringComparer.Ordinal);

    private static FrozenDictionary<string, ExpressionFunction> Build()
    {
        ExpressionFunction[] byType =
        [
            AccessFunctions.Accessor,
            AccessFunctions.Element,
            AccessFunctions.CreateArray,
            AccessFunctions.SetProperty,
            MathFunctions.Add,
            MathFunctions.Subtract,
            MathFunctions.Multiply,
            MathFunctions.Divide,
            MathFunctions.Mod,
            MathFunctions.Power,
            LogicFunctions.Equal,
            LogicFunctions.NotEqual,
            LogicFunctions.LessThan,
            LogicFunctions.LessThanOrEqual,
            LogicFunctions.GreaterThan,
            LogicFunctions.GreaterThanOrEqual,
            LogicFunctions.Exists,
            LogicFunctions.Empty,
            LogicFunctions.And,
            LogicFunctions.Or,
            LogicFunctions.Not,
            LogicFunctions.If,
            LogicFunctions.Coalesce,
            TextFunctions.Concat,
            TextFunctions.Join,
            TextFunctions.Length,
            TextFunctions.ToUpper,
            TextFunctions.ToLower,
            TextFunctions.Trim,
            TextFunctions.Substring,
            TextFunctions.Replace,
            TextFunctions.String,
            CollectionFunctions.Count,
            CollectionFunctions.First,
            CollectionFunctions.Last,
            CollectionFunctions.Contains,
            CollectionFunctions.Json,
            DateTimeFunctions.FormatDateTime,
        ];
        var functions = byType.ToDictionary(f => f.Type, StringComparer.Ordinal);

        // Word aliases for operators, and operator aliases for functions.
        functions["add"] = MathFunctions.Add;
        functions["sub"] = MathFunctions.Subtract;
        functions["mul"] = MathFunctions.Multiply;
        functions["div"] = MathFunctions.Divide;
        functions["mod"] = MathFunctions.Mod;
        functions["exp"] = MathFunctions.Power;
        functions["and"] = LogicFunctions.And;
        functions["or"] = LogicFunctions.Or;
        functions["not"] = LogicFunctions.Not;
        functions["equals"] = LogicFunctions.Equal;
        functions["greater"] = LogicFunctions.GreaterThan;
        functions["greaterOrEquals"] = LogicFunctions.GreaterThanOrEqual;
        functions["less"] = LogicFunctions.LessThan;
        functions["lessOrEquals"] = LogicFunctions.LessThanOrEqual;
        functions["&"] = TextFunctions.Concat;
        functions["??"] = LogicFunctions.Coalesce;

        // Internal node kinds are not callable by name.
        functions.Remove(Expression.AccessorType);
        functions.Remove(Expression.ElementType);
        return functions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
