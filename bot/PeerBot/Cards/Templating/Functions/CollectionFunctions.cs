using System.Text.Json;
using PeerBot.Cards.Templating.Expressions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Functions;

/// <summary>count, first, last, contains, and json (text to value).</summary>
internal static class CollectionFunctions
{
    public static readonly ExpressionFunction Count = new("count", ReturnType.Number,
        FunctionSupport.Apply(a => a[0] switch
        {
            string s => Outcome.Of((double)s.Length),
            List<object?> list => Outcome.Of((double)list.Count),
            ScriptObject o => Outcome.Of((double)o.Count),
            _ => Outcome.Fail("Cannot convert undefined or null to object"),
        }, FunctionSupport.VerifyContainer),
        e => FunctionSupport.ValidateOrder(e, [], ReturnType.String | ReturnType.Array));

    public static readonly ExpressionFunction First = new("first", ReturnType.Object,
        FunctionSupport.Apply(a => Outcome.Of(a[0] switch
        {
            string { Length: > 0 } s => s[0].ToString(),
            List<object?> { Count: > 0 } list => list[0],
            _ => Undefined.Value,
        })),
        FunctionSupport.ValidateUnary);

    public static readonly ExpressionFunction Last = new("last", ReturnType.Object,
        FunctionSupport.Apply(a => Outcome.Of(a[0] switch
        {
            string { Length: > 0 } s => s[^1].ToString(),
            List<object?> { Count: > 0 } list => list[^1],
            _ => Undefined.Value,
        })),
        FunctionSupport.ValidateUnary);

    /// <summary>Text contains text, a list contains an equal item, or an object has the property.</summary>
    public static readonly ExpressionFunction Contains = new("contains", ReturnType.Boolean, (expression, memory, substitute) =>
    {
        var (a, error) = FunctionSupport.EvaluateChildren(expression, memory, substitute);
        if (error is not null)
        {
            return Outcome.Of(false);
        }
        if (a[0] is string text && a[1] is string part)
        {
            return Outcome.Of(text.Contains(part, StringComparison.Ordinal));
        }
        if (a[0] is List<object?> list)
        {
            return Outcome.Of(list.Any(item => ScriptEquality.CommonEquals(item, a[1])));
        }
        if (a[1] is string property)
        {
            var found = MemberAccess.Property(a[0], property);
            return Outcome.Of(!found.Failed && found.Value is not Undefined);
        }
        return Outcome.Of(false);
    }, FunctionSupport.ValidateBinary);

    public static readonly ExpressionFunction Json = new("json", ReturnType.Object,
        FunctionSupport.Apply(a =>
        {
            if (a[0] is not string text)
            {
                return Outcome.Fail($"json() needs text, not {ScriptValue.ToText(a[0])}.");
            }
            try
            {
                return Outcome.Of(ScriptJson.Parse(ScriptValue.Trim(text)));
            }
            catch (JsonException e)
            {
                return Outcome.Fail(e.Message);
            }
        }),
        e => FunctionSupport.ValidateOrder(e, [], ReturnType.String));
}
