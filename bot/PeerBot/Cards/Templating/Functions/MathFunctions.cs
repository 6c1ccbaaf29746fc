using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>Arithmetic: <c>+ - * / % ^</c> and add, sub, mul, div, mod, exp.</summary>
internal static class MathFunctions
{
    /// <summary>Adds numbers; if either side is text, joins the two as text.</summary>
    public static readonly ExpressionFunction Add = new("+", ReturnType.String | ReturnType.Number,
        FunctionSupport.ApplySequence(AddPair, FunctionSupport.VerifyNumberOrStringOrNull),
        e => FunctionSupport.ValidateArityAndAnyType(e, 2, int.MaxValue, ReturnType.String | ReturnType.Number));

    public static readonly ExpressionFunction Subtract = Numeric("-", (a, b) => a - b);

    public static readonly ExpressionFunction Multiply = Numeric("*", (a, b) => a * b);

    /// <summary>Division of two integers rounds down, as in the reference engine.</summary>
    public static readonly ExpressionFunction Divide = Numeric("/", Divide2, VerifyDivisor);

    public static readonly ExpressionFunction Power = Numeric("^", Math.Pow, FunctionSupport.VerifyNumberOrNumericList);

    public static readonly ExpressionFunction Mod = new("%", ReturnType.Number,
        FunctionSupport.Apply(arguments =>
        {
            var divisor = (double)arguments[1]!;
            return divisor == 0 ? Outcome.Fail("Cannot mod by 0.") : Outcome.Of((double)arguments[0]! % divisor);
        }, FunctionSupport.VerifyInteger),
        FunctionSupport.ValidateBinaryNumber);

    private static ExpressionFunction Numeric(string type, Func<double, double, double> operation, ArgumentCheck? check = null) =>
        new(type, ReturnType.Number,
            FunctionSupport.ApplySequence((a, b) => Outcome.Of(operation(AsNumber(a), AsNumber(b))), check ?? FunctionSupport.VerifyNumber),
            FunctionSupport.ValidateTwoOrMoreNumbers);

    // Power accepts lists, which are not numbers: the result is NaN, as Number([1, 2]) is.
    private static double AsNumber(object? value) => value is double d ? d : double.NaN;

    private static double Divide2(double a, double b)
    {
        var result = a / b;
        return ScriptNumber.IsInteger(a) && ScriptNumber.IsInteger(b) ? Math.Floor(result) : result;
    }

    private static string? VerifyDivisor(object? value, Expression argument, int position)
    {
        var error = FunctionSupport.VerifyNumber(value, argument, position);
        if (error is null && position > 0 && (double)value! == 0)
        {
            error = $"Cannot divide by 0 from {argument}";
        }
        return error;
    }

    private static Outcome AddPair(object? left, object? right)
    {
        if ((ScriptValue.IsNullish(left) && ScriptValue.IsNumber(right)) || (ScriptValue.IsNullish(right) && ScriptValue.IsNumber(left)))
        {
            return Outcome.Fail("Operator '+' or add cannot be applied to operands of type 'number' and null object.");
        }
        if (ScriptValue.IsNumber(left) && ScriptValue.IsNumber(right))
        {
            return Outcome.Of((double)left! + (double)right!);
        }
        if (ScriptValue.IsNullish(left) && ScriptValue.IsNullish(right))
        {
            return Outcome.Of(string.Empty);
        }
        if (ScriptValue.IsNullish(left))
        {
            return Outcome.Of(ScriptValue.ToText(right));
        }
        if (ScriptValue.IsNullish(right))
        {
            return Outcome.Of(ScriptValue.ToText(left));
        }
        return Outcome.Of(ScriptValue.ToText(left) + ScriptValue.ToText(right));
    }
}
