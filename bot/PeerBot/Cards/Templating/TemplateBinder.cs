using System.Text;
using System.Text.Json;
using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating;

/// <summary>
/// Walks a template and binds it to data: evaluates <c>${...}</c> strings, repeats elements whose
/// <c>$data</c> is a list, changes scope where <c>$data</c> is an object, drops elements whose <c>$when</c>
/// is not true, and removes the reserved keys from the output.
/// </summary>
internal static class TemplateBinder
{
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion",
    };

    /// <summary>
    /// Reads the template JSON, parsing every string that contains <c>${</c>. Keys are never parsed.
    /// Prepared strings become <see cref="Expression"/> nodes; everything else stays a plain value.
    /// </summary>
    public static object? Prepare(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => PrepareString(element.GetString()!),
        JsonValueKind.Array => element.EnumerateArray().Select(Prepare).ToList(),
        JsonValueKind.Object => PrepareObject(element),
        _ => ScriptJson.FromElement(element),
    };

    private static ScriptObject PrepareObject(JsonElement element)
    {
        var result = new ScriptObject(element.GetPropertyCount());
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = Prepare(property.Value);
        }
        return result;
    }

    /// <summary>
    /// A string that is exactly one <c>${...}</c> becomes that expression, keeping the type of its value;
    /// a string mixing text and expressions becomes a concatenation; other strings stay as they are.
    /// </summary>
    private static object PrepareString(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }
        var parsed = ExpressionParser.Parse("`" + text + "`");
        if (parsed.Type != Expression.ConcatType)
        {
            // Backticks in the text can make it parse as something else; then it is plain text.
            return text;
        }
        var children = parsed.Children;
        if (children.Count == 2 && children[0] is Constant { Value: "" } && children[1] is not Constant)
        {
            return children[1];
        }
        return parsed;
    }

    public static object? Expand(object? node, object? root) => Expand(node, new Scope(root, Undefined.Value, Undefined.Value));

    private static object? Expand(object? node, Scope scope)
    {
        switch (node)
        {
            case List<object?> items:
                var expanded = new List<object?>();
                foreach (var item in items)
                {
                    var value = Expand(item, scope);
                    if (value is null)
                    {
                        continue;
                    }
                    if (value is List<object?> many)
                    {
                        expanded.AddRange(many);
                    }
                    else
                    {
                        expanded.Add(value);
                    }
                }
                return expanded;
            case Expression expression:
                var outcome = Evaluate(expression, scope, allowSubstitution: true);
                return outcome.Failed ? throw new TemplateException(outcome.Error!) : outcome.Value;
            case ScriptObject element:
                return ExpandElement(element, scope);
            default:
                return node;
        }
    }

    // An object: once per $data item (or once), unless $when says otherwise. No copies means null, one copy
    // is the object itself, more are a list that the parent list splices in.
    private static object? ExpandElement(ScriptObject element, Scope scope)
    {
        var when = element["$when"];
        var data = element["$data"];
        List<object?> contexts = [Undefined.Value];
        var repeating = false;
        if (data is not Undefined)
        {
            if (data is Expression dataExpression)
            {
                var outcome = Evaluate(dataExpression, scope, allowSubstitution: true);
                data = outcome.Failed ? throw new TemplateException(outcome.Error!) : outcome.Value;
            }
            else
            {
                // Literal data written in the template: expressions could change it, and the template is shared.
                data = CopyOfLiteral(data);
            }
            if (data is List<object?> list)
            {
                contexts = list;
                repeating = true;
            }
            else
            {
                contexts = [data];
            }
        }

        var copies = new List<object?>();
        var current = scope;
        for (var i = 0; i < contexts.Count; i++)
        {
            if (repeating)
            {
                current = current with { Index = (double)i };
            }
            if (contexts[i] is not Undefined)
            {
                current = current with { Data = contexts[i] };
            }
            if (Keep(when, current))
            {
                copies.Add(ExpandProperties(element, current));
            }
        }
        return copies.Count switch
        {
            0 => null,
            1 => copies[0],
            _ => copies,
        };
    }

    // $when keeps an element only when it evaluates to exactly true. A $when that is not an expression
    // drops the element if it is truthy (so "$when": true drops it, as in the reference engine).
    private static bool Keep(object? when, Scope scope)
    {
        if (when is Expression expression)
        {
            var outcome = Evaluate(expression, scope, allowSubstitution: false);
            return !outcome.Failed && outcome.Value is true;
        }
        return !ScriptValue.IsTruthy(when);
    }

    private static object? CopyOfLiteral(object? value) => value switch
    {
        List<object?> list => list.Select(CopyOfLiteral).ToList(),
        ScriptObject o => o.Aggregate(new ScriptObject(), (copy, property) =>
        {
            copy[property.Key] = CopyOfLiteral(property.Value);
            return copy;
        }),
        _ => value,
    };

    private static ScriptObject ExpandProperties(ScriptObject element, Scope scope)
    {
        var result = new ScriptObject(element.Count);
        foreach (var (key, value) in element)
        {
            if (ReservedKeys.Contains(key))
            {
                continue;
            }
            var expanded = Expand(value, scope);
            if (expanded is not Undefined)
            {
                result[key] = expanded;
            }
        }
        return result;
    }

    private static Outcome Evaluate(Expression expression, Scope scope, bool allowSubstitution)
    {
        var memory = new TemplateMemory(scope.Root, scope.Data, scope.Index);
        if (allowSubstitution && expression.Type == Expression.ConcatType)
        {
            return Outcome.Of(Interpolate(expression, memory));
        }
        var outcome = expression.TryEvaluate(memory, allowSubstitution);
        return outcome.Crashed ? throw new TemplateException($"'{expression}' could not be evaluated: {outcome.Error}") : outcome;
    }

    // Text with expressions in it. A part that fails to evaluate is written back as "${...}" so the rest
    // of the text still renders; a part that evaluates to null cannot be written and fails the card.
    private static string Interpolate(Expression concatenation, TemplateMemory memory)
    {
        var text = new StringBuilder();
        foreach (var part in concatenation.Children)
        {
            Outcome outcome;
            try
            {
                outcome = part.TryEvaluate(memory, substitute: true);
            }
            catch (TemplateException e)
            {
                outcome = Outcome.Fail(e.Message);
            }
            if (outcome.Crashed)
            {
                throw new TemplateException($"'{part}' could not be evaluated: {outcome.Error}");
            }
            var value = outcome.Failed ? "${" + part + "}" : outcome.Value;
            text.Append(ScriptValue.CallToString(value, $"'{part}'"));
        }
        return text.ToString();
    }

    /// <summary>What bare paths, <c>$data</c> and <c>$index</c> refer to at one point of the template.</summary>
    private sealed record Scope(object? Root, object? Data, object? Index);
}
