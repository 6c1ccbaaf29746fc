using System.Text.RegularExpressions;
using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>Paths (<c>a.b</c>), indexers (<c>a[0]</c>, <c>a['x']</c>) and array and object literals.</summary>
internal static partial class AccessFunctions
{
    public static readonly ExpressionFunction Accessor = new(Expression.AccessorType, ReturnType.Object, EvaluateAccessor, ValidateAccessor);

    public static readonly ExpressionFunction Element = new(Expression.ElementType, ReturnType.Object, EvaluateElement, FunctionSupport.ValidateBinary);

    public static readonly ExpressionFunction CreateArray = new("createArray", ReturnType.Array,
        FunctionSupport.Apply(arguments => Outcome.Of(new List<object?>(arguments))));

    public static readonly ExpressionFunction SetProperty = new("setProperty", ReturnType.Object,
        FunctionSupport.Apply(arguments => SetPropertyOn(arguments[0], ScriptValue.ToText(arguments[1]), arguments[2])),
        e => FunctionSupport.ValidateOrder(e, [], ReturnType.Object, ReturnType.String, ReturnType.Object));

    private static Outcome EvaluateAccessor(Expression expression, Memory memory, bool substitute)
    {
        var (path, left, error) = AccumulatePath(expression, memory, substitute);
        if (error is not null)
        {
            return Outcome.Fail(error);
        }
        if (left is null)
        {
            return Outcome.Of(GetValue(memory, path!, substitute));
        }
        var scope = left.Evaluate(memory, substitute);
        return scope.Failed ? Outcome.Fail(scope.Error!) : Outcome.Of(GetValue(new ObjectMemory(scope.Value), path!, substitute));
    }

    private static Outcome EvaluateElement(Expression expression, Memory memory, bool substitute)
    {
        var instance = expression.Children[0].Evaluate(memory, substitute);
        if (instance.Failed)
        {
            return Outcome.Crash;
        }
        // The index is read without substitution: a missing index must not turn into "${...}" text.
        var index = expression.Children[1].Evaluate(memory, substitute: false);
        if (index.Failed)
        {
            return Outcome.Crash;
        }
        return index.Value switch
        {
            double d when ScriptNumber.IsInteger(d) => MemberAccess.Index(instance.Value, d),
            string name => MemberAccess.Property(instance.Value, name),
            _ => Outcome.Fail($"Could not coerce {expression.Children[1]} to an int or string."),
        };
    }

    // Turns a chain such as a.b[0].c into the path "a.b[0].c", evaluating the indexes on the way, and returns
    // the first expression in the chain that is not a path step (a function call, say), if any.
    private static (string? Path, Expression? Left, string? Error) AccumulatePath(Expression expression, Memory memory, bool substitute)
    {
        var path = string.Empty;
        Expression? left = expression;
        while (left is not null)
        {
            if (left.Type == Expression.AccessorType)
            {
                path = ScriptValue.ToText(((Constant)left.Children[0]).Value) + "." + path;
                left = left.Children.Count == 2 ? left.Children[1] : null;
            }
            else if (left.Type == Expression.ElementType)
            {
                var index = left.Children[1].Evaluate(memory, substitute);
                if (index.Failed)
                {
                    return (null, null, index.Error);
                }
                var text = ScriptValue.ToText(index.Value);
                if (ScriptValue.IsNumber(ScriptNumber.ParseInt(text)))
                {
                    path = $"[{text}].{path}";
                }
                else if (index.Value is string name)
                {
                    path = $"['{name}'].{path}";
                }
                else
                {
                    return (null, null, $"{left.Children[1]} doesn't return an int or string");
                }
                left = left.Children[0];
            }
            else
            {
                break;
            }
        }

        path = TrailingDots().Replace(path, string.Empty).Replace(".[", "[", StringComparison.Ordinal);
        return (path.Length == 0 ? null : path, left, null);
    }

    private static object? GetValue(Memory memory, string path, bool substitute)
    {
        var value = memory.GetValue(path);
        if (value is not Undefined)
        {
            return value;
        }
        return substitute ? "${" + path + "}" : Undefined.Value;
    }

    private static void ValidateAccessor(Expression expression)
    {
        var children = expression.Children;
        if (children.Count == 0 || children[0].Type != Expression.ConstantType || children[0].ReturnType != ReturnType.String)
        {
            throw new TemplateException($"{expression} must have a string as first argument.");
        }
        if (children.Count > 2)
        {
            throw new TemplateException($"{expression} has more than 2 children.");
        }
        if (children.Count == 2 && (children[1].ReturnType & ReturnType.Object) == 0)
        {
            throw new TemplateException($"{expression} must have an object as its second argument.");
        }
    }

    private static Outcome SetPropertyOn(object? target, string key, object? value)
    {
        switch (target)
        {
            case ScriptObject o:
                o[key] = value;
                return Outcome.Of(o);
            case List<object?> list:
                if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < list.Count)
                {
                    list[i] = value;
                }
                return Outcome.Of(list);
            default:
                return Outcome.Fail($"Cannot create property '{key}' on {ScriptValue.ToText(target)}");
        }
    }

    [GeneratedRegex(@"\.*\z")]
    private static partial Regex TrailingDots();
}
