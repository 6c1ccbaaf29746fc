namespace PeerBot.Cards.Templating.Expressions;

/// <summary>Evaluates an expression node. <paramref name="substitute"/>: missing paths read as their <c>${path}</c> text.</summary>
internal delegate Outcome Evaluation(Expression expression, Memory memory, bool substitute);

/// <summary>A function or operator of the expression language: how it evaluates and how its arguments are checked at parse time.</summary>
internal sealed class ExpressionFunction(string type, ReturnType returnType, Evaluation evaluate, Action<Expression>? validate = null)
{
    public string Type { get; } = type;

    public ReturnType ReturnType { get; } = returnType;

    public Outcome Evaluate(Expression expression, Memory memory, bool substitute) => evaluate(expression, memory, substitute);

    public void Validate(Expression expression) => validate?.Invoke(expression);
}
