namespace PeerBot.Cards.Templating.Expressions;

internal enum TokenKind
{
    Operator,
    Number,
    Identifier,
    String,
    Interpolation,
    Invalid,
    End,
}

internal enum InterpolationPartKind
{
    Text,
    Expression,
    Escape,
}

/// <summary>A piece of a backtick string: literal text, an <c>${...}</c> expression, or an escaped <c>`</c> or <c>$</c>.</summary>
internal sealed record InterpolationPart(InterpolationPartKind Kind, string Text);

/// <summary>A token of the expression language. Operators carry their symbol as text.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Position, IReadOnlyList<InterpolationPart>? Parts = null)
{
    public bool Is(string symbol) => Kind == TokenKind.Operator && Text == symbol;
}
