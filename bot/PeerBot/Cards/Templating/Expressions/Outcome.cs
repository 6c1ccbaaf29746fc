using PeerBot.Cards.Templating.Values;

namespace PeerBot.Cards.Templating.Expressions;

/// <summary>
/// The result of evaluating an expression: a value, or an error message. Errors are ordinary results;
/// functions decide whether to pass them on, swallow them or turn them into a default.
/// </summary>
internal readonly record struct Outcome(object? Value, string? Error, bool Crashed)
{
    /// <summary>
    /// An index lookup whose operand failed. The reference engine returns nothing at all here, so whoever
    /// reads the result fails; <see cref="Expression.Evaluate"/> turns it into an exception.
    /// </summary>
    public static readonly Outcome Crash = new(Undefined.Value, "The operand of an index lookup could not be evaluated.", true);

    public bool Failed => Error is not null;

    public static Outcome Of(object? value) => new(value, null, false);

    public static Outcome Fail(string error) => new(Undefined.Value, error, false);
}
