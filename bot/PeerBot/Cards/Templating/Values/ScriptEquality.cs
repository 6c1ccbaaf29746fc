namespace PeerBot.Cards.Templating.Values;

/// <summary>The equality used by <c>==</c>, <c>equals</c> and <c>contains</c>.</summary>
internal static class ScriptEquality
{
    // Number.EPSILON: numbers this close count as equal.
    private const double NumberEpsilon = 2.220446049250313e-16;

    public static bool CommonEquals(object? left, object? right)
    {
        if (ScriptValue.IsNullish(left) || ScriptValue.IsNullish(right))
        {
            return ScriptValue.IsNullish(left) && ScriptValue.IsNullish(right);
        }
        if (left is List<object?> leftList && right is List<object?> rightList)
        {
            if (leftList.Count != rightList.Count)
            {
                return false;
            }
            for (var i = 0; i < leftList.Count; i++)
            {
                if (!CommonEquals(leftList[i], rightList[i]))
                {
                    return false;
                }
            }
            return true;
        }
        if (left is ScriptObject leftObject && right is ScriptObject rightObject)
        {
            return leftObject.Count == rightObject.Count && DeepEquals(leftObject, rightObject);
        }
        if (left is double a && right is double b && !double.IsNaN(a) && !double.IsNaN(b) && Math.Abs(a - b) < NumberEpsilon)
        {
            return true;
        }
        return StrictEquals(left, right);
    }

    // Structural equality of plain data: same keys in any order, same values, NaN equal to itself.
    private static bool DeepEquals(object? left, object? right)
    {
        switch (left)
        {
            case ScriptObject leftObject when right is ScriptObject rightObject:
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }
                foreach (var (key, value) in leftObject)
                {
                    if (!rightObject.ContainsKey(key) || !DeepEquals(value, rightObject[key]))
                    {
                        return false;
                    }
                }
                return true;
            case List<object?> leftList when right is List<object?> rightList:
                return leftList.Count == rightList.Count && leftList.Zip(rightList).All(pair => DeepEquals(pair.First, pair.Second));
            case double leftNumber when right is double rightNumber:
                return leftNumber == rightNumber || (double.IsNaN(leftNumber) && double.IsNaN(rightNumber));
            default:
                return StrictEquals(left, right);
        }
    }

    private static bool StrictEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (Undefined, Undefined) => true,
        (bool a, bool b) => a == b,
        (double a, double b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => ReferenceEquals(left, right),
    };
}
