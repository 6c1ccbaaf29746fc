using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>Property and index lookups on values.</summary>
internal static class MemberAccess
{
    /// <summary>
    /// value.property, matching the property name case-insensitively. Falsy values (null, 0, "", false) have no
    /// properties; a missing property is undefined, not an error.
    /// </summary>
    public static Outcome Property(object? instance, string property)
    {
        if (!ScriptValue.IsTruthy(instance))
        {
            return Outcome.Of(Undefined.Value);
        }
        var keys = ScriptValue.Keys(instance);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (string.Equals(key, property, StringComparison.OrdinalIgnoreCase))
            {
                return Outcome.Of(ScriptValue.Get(instance, key));
            }
        }
        return Outcome.Of(Undefined.Value);
    }

    /// <summary>list[index]: out of range or not a list is an error; null or undefined gives undefined.</summary>
    public static Outcome Index(object? instance, double index)
    {
        if (ScriptValue.IsNullish(instance))
        {
            return Outcome.Of(Undefined.Value);
        }
        if (instance is List<object?> list)
        {
            return index >= 0 && index < list.Count
                ? Outcome.Of(list[(int)index])
                : Outcome.Fail($"{ScriptNumber.ToText(index)} is out of range for {ScriptValue.ToText(instance)}");
        }
        return Outcome.Fail($"{ScriptValue.ToText(instance)} is not a collection.");
    }
}
