using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating;

/// <summary>Passes every string property of an expanded card through a <see cref="CardText"/> rule, in place.</summary>
internal static class CardTextRewrite
{
    /// <summary>The expanded tree is the render's own (expansion copies every object), so it may be changed.</summary>
    public static void Apply(object? node, CardText rule, string? containerType)
    {
        switch (node)
        {
            case List<object?> items:
                foreach (var item in items)
                {
                    Apply(item, rule, containerType);
                }
                break;
            case ScriptObject element:
                var type = element["type"] as string;
                var keys = element.Keys;
                for (var i = 0; i < keys.Count; i++)
                {
                    var key = keys[i];
                    if (element[key] is string text)
                    {
                        element[key] = rule(type, containerType, key, text);
                    }
                    else
                    {
                        Apply(element[key], rule, type ?? containerType);
                    }
                }
                break;
        }
    }
}
