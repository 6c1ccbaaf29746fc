using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PeerBot.Cards.Templating.Functions;
using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>
/// Parses expression text into an <see cref="Expression"/> tree. Operator precedence, loosest first:
/// <c>?:</c>, <c>??</c>, <c>||</c>, <c>&amp;&amp;</c>, <c>&lt; &lt;= &gt; &gt;=</c>, <c>&amp;</c>, <c>== !=</c>,
/// <c>+ -</c>, <c>* / %</c>, <c>^</c> (right-associative), then prefix <c>! - +</c>, then member access,
/// indexing and calls. Note that <c>==</c> binds tighter than <c>&lt;</c>, as in the reference grammar.
/// </summary>
internal sealed partial class ExpressionParser
{
    private static readonly string[][] BinaryLevels =
    [
        ["??"],
        ["||"],
        ["&&"],
        ["<", "<=", ">", ">="],
        ["&"],
        ["==", "!=", "<>"],
        ["+", "-"],
        ["*", "/", "%"],
        ["^"],
    ];

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _position;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = ExpressionLexer.Tokenize(text);
    }

    /// <summary>Parses one expression. A leading "=" is ignored; empty text is the empty string.</summary>
    public static Expression Parse(string text)
    {
        if (text.StartsWith('='))
        {
            text = text[1..];
        }
        if (text.Length == 0)
        {
            return new Constant(string.Empty);
        }
        var parser = new ExpressionParser(text);
        var expression = parser.ParseConditional();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.SyntaxError();
        }
        return expression;
    }

    private Token Current => _tokens[_position];

    private Token Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_position++];

    private void Expect(string symbol)
    {
        if (!Current.Is(symbol))
        {
            throw SyntaxError();
        }
        _position++;
    }

    private TemplateException SyntaxError() =>
        new(Current.Kind == TokenKind.End
            ? $"Syntax error in expression '{_text}': it ends too early."
            : $"Syntax error in expression '{_text}' at '{Current.Text}' (position {Current.Position}).");

    // cond ? a : b is left-associative: a ? b : c ? d : e reads as (a ? b : c) ? d : e.
    private Expression ParseConditional()
    {
        var condition = ParseBinary(0);
        while (Current.Is("?"))
        {
            _position++;
            var whenTrue = ParseConditional();
            Expect(":");
            var whenFalse = ParseBinary(0);
            condition = Expression.Make(LogicFunctions.If, condition, whenTrue, whenFalse);
        }
        return condition;
    }

    private Expression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }
        var left = ParseBinary(level + 1);
        while (Current.Kind == TokenKind.Operator && BinaryLevels[level].Contains(Current.Text))
        {
            var symbol = Advance().Text;
            // "^" is right-associative; everything else associates to the left.
            var right = symbol == "^" ? ParseBinary(level) : ParseBinary(level + 1);
            left = Expression.Make(FunctionLibrary.Lookup(symbol), left, right);
        }
        return left;
    }

    private Expression ParseUnary()
    {
        if (Current.Is("!"))
        {
            _position++;
            return Expression.Make(FunctionLibrary.Lookup("!"), ParseUnary());
        }
        if (Current.Is("-") || Current.Is("+"))
        {
            var symbol = Advance().Text;
            return Expression.Make(FunctionLibrary.Lookup(symbol), new Constant(0d), ParseUnary());
        }
        return ParsePostfix();
    }

    private Expression ParsePostfix()
    {
        var start = _position;
        var expression = ParsePrimary();
        while (true)
        {
            if (Current.Is("."))
            {
                _position++;
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw SyntaxError();
                }
                expression = Expression.Make(AccessFunctions.Accessor, new Constant(Advance().Text), expression);
            }
            else if (Current.Is("(") || (Current.Is("!") && Peek(1).Is("(")))
            {
                // The function name is the text of everything before the parenthesis, so a.b(x) calls "a.b".
                var name = string.Concat(_tokens.Skip(start).Take(_position - start).Select(t => t.Text));
                if (Current.Is("!"))
                {
                    name += Advance().Text;
                }
                _position++;
                var arguments = ParseArguments(")");
                expression = Expression.Make(FunctionLibrary.Lookup(name), arguments);
            }
            else if (Current.Is("["))
            {
                _position++;
                var index = ParseConditional();
                Expect("]");
                expression = Expression.Make(AccessFunctions.Element, expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private Expression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _position++;
                return new Constant(double.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
            case TokenKind.String:
                _position++;
                return new Constant(Unescape(token.Text));
            case TokenKind.Identifier:
                _position++;
                return token.Text switch
                {
                    "true" => new Constant(true),
                    "false" => new Constant(false),
                    "null" => new Constant(null),
                    "undefined" => new Constant(Undefined.Value),
                    _ => Expression.Make(AccessFunctions.Accessor, new Constant(token.Text)),
                };
            case TokenKind.Interpolation:
                _position++;
                return Interpolation(token.Parts!);
            case TokenKind.Operator when token.Text == "(":
                _position++;
                var inner = ParseConditional();
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                _position++;
                return Expression.Make(AccessFunctions.CreateArray, ParseArguments("]"));
            case TokenKind.Operator when token.Text == "{":
                _position++;
                return ParseObject();
            default:
                throw SyntaxError();
        }
    }

    // Arguments up to the closing symbol. "x => body" (for lambdas) passes the name and the body.
    private List<Expression> ParseArguments(string close)
    {
        var arguments = new List<Expression>();
        if (Current.Is(close))
        {
            _position++;
            return arguments;
        }
        while (true)
        {
            if (Current.Kind == TokenKind.Identifier && Peek(1).Is("=>"))
            {
                arguments.Add(Expression.Make(AccessFunctions.Accessor, new Constant(Advance().Text)));
                _position++;
            }
            arguments.Add(ParseConditional());
            if (Current.Is(","))
            {
                _position++;
                continue;
            }
            Expect(close);
            return arguments;
        }
    }

    // { key: value, 'other key': value } builds the object property by property.
    private Expression ParseObject()
    {
        var result = Expression.Make(CollectionFunctions.Json, new Constant("{}"));
        if (Current.Is("}"))
        {
            _position++;
            return result;
        }
        while (true)
        {
            var key = Current;
            if (key.Kind is not (TokenKind.Identifier or TokenKind.String))
            {
                throw SyntaxError();
            }
            _position++;
            Expect(":");
            var name = key.Kind == TokenKind.String ? key.Text[1..^1] : key.Text;
            result = Expression.Make(AccessFunctions.SetProperty, result, new Constant(name), ParseConditional());
            if (Current.Is(","))
            {
                _position++;
                continue;
            }
            Expect("}");
            return result;
        }
    }

    /// <summary>A backtick string: the concatenation of its text and <c>${...}</c> parts, after an empty string.</summary>
    private static Expression Interpolation(IReadOnlyList<InterpolationPart> parts)
    {
        var children = new List<Expression> { new Constant(string.Empty) };
        foreach (var part in parts)
        {
            children.Add(part.Kind switch
            {
                InterpolationPartKind.Expression => Parse(TrimTemplate(part.Text)),
                InterpolationPartKind.Escape => new Constant(part.Text[1..]),
                _ => new Constant(part.Text),
            });
        }
        return Expression.Make(TextFunctions.Concat, children);
    }

    // "${ x }" -> "x": trim, drop the "$", trim, drop one pair of braces, trim.
    private static string TrimTemplate(string template)
    {
        var result = ScriptValue.Trim(template);
        if (result.StartsWith('$'))
        {
            result = result[1..];
        }
        result = ScriptValue.Trim(result);
        if (result.StartsWith('{') && result.EndsWith('}'))
        {
            result = result[1..^1];
        }
        return ScriptValue.Trim(result);
    }

    // Quotes inside are escaped with a backslash; \r \n \t and \\ are the only other escapes.
    private static string Unescape(string literal)
    {
        var quote = literal[0];
        var body = literal[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);
        return Escapes().Replace(body, match => match.Value switch
        {
            "\\r" => "\r",
            "\\n" => "\n",
            "\\t" => "\t",
            "\\\\" => "\\",
            _ => match.Value,
        });
    }

    [GeneratedRegex(@"\\[^\r\n]?")]
    private static partial Regex Escapes();
}
