using System.Text;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>A parsed expression: a function (operators are functions too) applied to child expressions.</summary>
internal class Expression
{
    public const string AccessorType = "Accessor";
    public const string ElementType = "Element";
    public const string ConstantType = "Constant";
    public const string ConcatType = "concat";

    public Expression(ExpressionFunction function, IReadOnlyList<Expression> children)
    {
        Function = function;
        Children = children;
    }

    public ExpressionFunction Function { get; }

    public string Type => Function.Type;

    public IReadOnlyList<Expression> Children { get; }

    public virtual ReturnType ReturnType => Function.ReturnType;

    /// <summary>Builds a node and checks its arguments, as the parser does for every node.</summary>
    public static Expression Make(ExpressionFunction function, params IReadOnlyList<Expression> children)
    {
        var expression = new Expression(function, children);
        function.Validate(expression);
        return expression;
    }

    /// <summary>Evaluates; the result may be <see cref="Outcome.Crash"/>. Only the template binder calls this.</summary>
    public Outcome TryEvaluate(Memory memory, bool substitute) => Function.Evaluate(this, memory, substitute);

    /// <summary>Evaluates a child on behalf of a parent, which cannot work with a crashed child.</summary>
    public Outcome Evaluate(Memory memory, bool substitute)
    {
        var outcome = TryEvaluate(memory, substitute);
        if (outcome.Crashed)
        {
            throw new TemplateException($"'{this}' could not be evaluated: {outcome.Error}");
        }
        return outcome;
    }

    /// <summary>The canonical text of the expression, used in messages and for expressions that fail inside text.</summary>
    public override string ToString()
    {
        if (Type == AccessorType && Children.Count >= 1 && Children[0] is Constant { Value: string property })
        {
            if (Children.Count == 1)
            {
                return property;
            }
            if (Children.Count == 2)
            {
                return Children[1] + "." + property;
            }
        }
        else if (Type == ElementType && Children.Count == 2)
        {
            return Children[0] + "[" + Children[1] + "]";
        }

        var infix = Type.Length > 0 && !char.IsAsciiLetter(Type[0]) && Children.Count >= 2;
        var builder = new StringBuilder();
        if (!infix)
        {
            builder.Append(Type);
        }
        builder.Append('(');
        for (var i = 0; i < Children.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(infix ? " " + Type + " " : ", ");
            }
            builder.Append(Children[i]);
        }
        return builder.Append(')').ToString();
    }
}
