namespace PeerBot.Cards.Templating.Expressions;

/// <summary>What an expression can produce, checked when the template is parsed. Object means "anything".</summary>
[Flags]
internal enum ReturnType
{
    Boolean = 1,
    Number = 2,
    Object = 4,
    String = 8,
    Array = 16,
}
