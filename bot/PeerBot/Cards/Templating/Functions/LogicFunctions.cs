using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>
/// Comparisons and logic. These read paths without substitution, so a missing value is simply missing
/// (false, not equal, not present) rather than its <c>${path}</c> text.
/// </summary>
internal static class LogicFunctions
{
    public static readonly ExpressionFunction Equal = Comparison("==", a => ScriptEquality.CommonEquals(a[0], a[1]));

    public static readonly ExpressionFunction NotEqual = Comparison("!=", a => !ScriptEquality.CommonEquals(a[0], a[1]));

    public static readonly ExpressionFunction LessThan = Ordering("<", c => c < 0);

    public static readonly ExpressionFunction LessThanOrEqual = Ordering("<=", c => c <= 0);

    public static readonly ExpressionFunction GreaterThan = Ordering(">", c => c > 0);

    public static readonly ExpressionFunction GreaterThanOrEqual = Ordering(">=", c => c >= 0);

    public static readonly ExpressionFunction Exists = Comparison("exists", a => !ScriptValue.IsNullish(a[0]),
        FunctionSupport.ValidateUnary, FunctionSupport.VerifyNotNull);

    public static readonly ExpressionFunction Empty = Comparison("empty", a => IsEmpty(a[0]),
        FunctionSupport.ValidateUnary, FunctionSupport.VerifyContainerOrNull);

    public static readonly ExpressionFunction And = new("&&", ReturnType.Boolean, EvaluateAnd, FunctionSupport.ValidateAtLeastOne);

    public static readonly ExpressionFunction Or = new("||", ReturnType.Boolean, EvaluateOr, FunctionSupport.ValidateAtLeastOne);

    public static readonly ExpressionFunction Not = new("!", ReturnType.Boolean, EvaluateNot, FunctionSupport.ValidateUnary);

    public static readonly ExpressionFunction If = new("if", ReturnType.Object, EvaluateIf,
        e => FunctionSupport.ValidateArityAndAnyType(e, 3, 3));

    public static readonly ExpressionFunction Coalesce = new("coalesce", ReturnType.Object,
        FunctionSupport.Apply(arguments => Outcome.Of(arguments.FirstOrDefault(a => !ScriptValue.IsNullish(a), Undefined.Value))),
        FunctionSupport.ValidateAtLeastOne);

    /// <summary>Anything but false, null and undefined counts as true (0 and "" included).</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        bool b => b,
        null or Undefined => false,
        _ => true,
    };

    // A comparison whose arguments fail to evaluate (or fail the check) is false rather than an error.
    private static ExpressionFunction Comparison(
        string type, Func<List<object?>, Outcome> compare, Action<Expression>? validate = null, ArgumentCheck? check = null) =>
        new(type, ReturnType.Boolean, (expression, memory, _) =>
        {
            var (arguments, error) = FunctionSupport.EvaluateChildren(expression, memory, substitute: false, check);
            return error is not null ? Outcome.Of(false) : compare(arguments);
        }, validate ?? FunctionSupport.ValidateBinary);

    private static ExpressionFunction Comparison(string type, Func<List<object?>, bool> compare, Action<Expression>? validate = null, ArgumentCheck? check = null) =>
        Comparison(type, arguments => Outcome.Of(compare(arguments)), validate, check);

    private static ExpressionFunction Ordering(string type, Func<int, bool> accept) =>
        Comparison(type, arguments =>
        {
            var (left, right) = (arguments[0], arguments[1]);
            if (ScriptValue.IsNumber(left) && ScriptValue.IsNumber(right))
            {
                return Outcome.Of(accept(((double)left!).CompareTo((double)right!)));
            }
            if (left is string a && right is string b)
            {
                return Outcome.Of(accept(CompareCodeUnits(a, b)));
            }
            return Outcome.Fail($"{ScriptValue.ToText(left)} and {ScriptValue.ToText(right)} must be comparable.");
        }, FunctionSupport.ValidateBinary, FunctionSupport.VerifyNotNull);

    private static int CompareCodeUnits(string a, string b) => Math.Sign(string.CompareOrdinal(a, b));

    private static bool IsEmpty(object? value) => value switch
    {
        null or Undefined => true,
        string s => s.Length == 0,
        List<object?> list => list.Count == 0,
        ScriptObject o => o.Count == 0,
        _ => ScriptValue.Keys(value).Count == 0,
    };

    private static Outcome EvaluateAnd(Expression expression, Memory memory, bool substitute)
    {
        foreach (var child in expression.Children)
        {
            var outcome = child.Evaluate(memory, substitute: false);
            if (outcome.Failed || !IsLogicTrue(outcome.Value))
            {
                return Outcome.Of(false);
            }
        }
        return Outcome.Of(true);
    }

    private static Outcome EvaluateOr(Expression expression, Memory memory, bool substitute)
    {
        foreach (var child in expression.Children)
        {
            var outcome = child.Evaluate(memory, substitute: false);
            if (!outcome.Failed && IsLogicTrue(outcome.Value))
            {
                return Outcome.Of(true);
            }
        }
        return Outcome.Of(false);
    }

    private static Outcome EvaluateNot(Expression expression, Memory memory, bool substitute)
    {
        var outcome = expression.Children[0].Evaluate(memory, substitute: false);
        return Outcome.Of(outcome.Failed || !IsLogicTrue(outcome.Value));
    }

    private static Outcome EvaluateIf(Expression expression, Memory memory, bool substitute)
    {
        var condition = expression.Children[0].Evaluate(memory, substitute: false);
        var branch = !condition.Failed && IsLogicTrue(condition.Value) ? expression.Children[1] : expression.Children[2];
        return branch.Evaluate(memory, substitute);
    }
}
