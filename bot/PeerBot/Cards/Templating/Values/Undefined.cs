namespace PeerBot.Cards.Templating.Values;

/// <summary>
/// A missing value. The template language tells "absent" apart from JSON null: absent properties are
/// dropped from the card or replaced by their <c>${path}</c> text, while null stays null.
/// </summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }

    public override string ToString() => "undefined";
}
