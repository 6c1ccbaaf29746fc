namespace PeerBot.Cards.Templating;

/// <summary>
/// A card template that cannot be parsed or expanded: a syntax error, an unknown function, or an
/// expression whose value cannot be placed in the card.
/// </summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message) : base(message)
    {
    }

    public TemplateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
