using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>Checks a function's argument value; returns an error message or null.</summary>
internal delegate string? ArgumentCheck(object? value, Expression argument, int position);

/// <summary>
/// The building blocks functions are made of: evaluating arguments, argument checks at parse time
/// (arity and literal types) and at evaluation time (values).
/// </summary>
internal static class FunctionSupport
{
    public static (List<object?> Arguments, string? Error) EvaluateChildren(
        Expression expression, Memory memory, bool substitute, ArgumentCheck? check = null)
    {
        var arguments = new List<object?>(expression.Children.Count);
        for (var position = 0; position < expression.Children.Count; position++)
        {
            var child = expression.Children[position];
            var outcome = child.Evaluate(memory, substitute);
            var error = outcome.Error ?? check?.Invoke(outcome.Value, child, position);
            if (error is not null)
            {
                return (arguments, error);
            }
            arguments.Add(outcome.Value);
        }
        return (arguments, null);
    }

    /// <summary>Evaluates the arguments, then applies <paramref name="body"/> to their values.</summary>
    public static Evaluation Apply(Func<List<object?>, Outcome> body, ArgumentCheck? check = null) =>
        (expression, memory, substitute) =>
        {
            var (arguments, error) = EvaluateChildren(expression, memory, substitute, check);
            return error is not null ? Outcome.Fail(error) : body(arguments);
        };

    /// <summary>Folds the arguments pairwise from the left: f(f(a, b), c).</summary>
    public static Evaluation ApplySequence(Func<object?, object?, Outcome> pair, ArgumentCheck? check = null) =>
        Apply(arguments =>
        {
            var soFar = arguments[0];
            for (var i = 1; i < arguments.Count; i++)
            {
                var step = pair(soFar, arguments[i]);
                if (step.Failed)
                {
                    return step;
                }
                soFar = step.Value;
            }
            return Outcome.Of(soFar);
        }, check);

    // Parse-time checks. A child whose type is Object (paths, most functions) can be anything, so only
    // literals and typed functions are checked.

    public static void ValidateArityAndAnyType(Expression expression, int minArity, int maxArity, ReturnType returnType = ReturnType.Object)
    {
        if (expression.Children.Count < minArity)
        {
            throw new TemplateException($"{expression} should have at least {minArity} children.");
        }
        if (expression.Children.Count > maxArity)
        {
            throw new TemplateException($"{expression} can't have more than {maxArity} children.");
        }
        if ((returnType & ReturnType.Object) == 0)
        {
            foreach (var child in expression.Children)
            {
                CheckType(expression, child, returnType);
            }
        }
    }

    public static void ValidateOrder(Expression expression, ReturnType[] optional, params ReturnType[] types)
    {
        var count = expression.Children.Count;
        if (count < types.Length || count > types.Length + optional.Length)
        {
            throw new TemplateException(optional.Length == 0
                ? $"{expression} should have {types.Length} children."
                : $"{expression} should have between {types.Length} and {types.Length + optional.Length} children.");
        }
        for (var i = 0; i < types.Length; i++)
        {
            CheckType(expression, expression.Children[i], types[i]);
        }
        for (var i = 0; i < optional.Length && types.Length + i < count; i++)
        {
            CheckType(expression, expression.Children[types.Length + i], optional[i]);
        }
    }

    public static void ValidateAtLeastOne(Expression expression) => ValidateArityAndAnyType(expression, 1, int.MaxValue);

    public static void ValidateUnary(Expression expression) => ValidateArityAndAnyType(expression, 1, 1);

    public static void ValidateBinary(Expression expression) => ValidateArityAndAnyType(expression, 2, 2);

    public static void ValidateBinaryNumber(Expression expression) => ValidateArityAndAnyType(expression, 2, 2, ReturnType.Number);

    public static void ValidateTwoOrMoreNumbers(Expression expression) => ValidateArityAndAnyType(expression, 2, int.MaxValue, ReturnType.Number);

    public static void ValidateUnaryString(Expression expression) => ValidateArityAndAnyType(expression, 1, 1, ReturnType.String);

    public static void ValidateUnaryOrBinaryString(Expression expression) => ValidateArityAndAnyType(expression, 1, 2, ReturnType.String);

    private static void CheckType(Expression expression, Expression child, ReturnType expected)
    {
        if ((expected & ReturnType.Object) == 0 && (child.ReturnType & ReturnType.Object) == 0 && (expected & child.ReturnType) == 0)
        {
            var names = Enum.GetValues<ReturnType>().Where(t => (expected & t) != 0).Select(t => t.ToString()).ToList();
            throw new TemplateException(names.Count == 1
                ? $"{child} is not a {names[0]} expression in {expression}."
                : $"{child} in {expression} is not any of [{string.Join(", ", names)}].");
        }
    }

    // Evaluation-time checks.

    public static string? VerifyNumber(object? value, Expression argument, int position) =>
        ScriptValue.IsNumber(value) ? null : $"{argument} is not a number.";

    public static string? VerifyInteger(object? value, Expression argument, int position) =>
        ScriptNumber.IsInteger(value) ? null : $"{argument} is not a integer.";

    public static string? VerifyNotNull(object? value, Expression argument, int position) =>
        ScriptValue.IsNullish(value) ? $"{argument} is null." : null;

    public static string? VerifyStringOrNull(object? value, Expression argument, int position) =>
        value is string or Undefined ? null : $"{argument} is neither a string nor a null object.";

    public static string? VerifyNumberOrStringOrNull(object? value, Expression argument, int position) =>
        value is string or Undefined || ScriptValue.IsNumber(value) ? null : $"{argument} is neither a number nor string";

    public static string? VerifyContainer(object? value, Expression argument, int position) =>
        value is string or List<object?> or ScriptObject or null ? null : $"{argument} must be a string, list, map or object.";

    public static string? VerifyContainerOrNull(object? value, Expression argument, int position) =>
        value is string or List<object?> or ScriptObject or null or Undefined ? null : $"{argument} must be a string, list, map or object.";

    public static string? VerifyNumberOrNumericList(object? value, Expression argument, int position)
    {
        if (ScriptValue.IsNumber(value))
        {
            return null;
        }
        if (value is not List<object?> list)
        {
            return $"{argument} is neither a list nor a number.";
        }
        foreach (var item in list)
        {
            if (!ScriptValue.IsNumber(item))
            {
                return $"{ScriptValue.ToText(item)} is not a number in {argument}.";
            }
        }
        return null;
    }
}
