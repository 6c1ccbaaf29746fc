using System.Globalization;

namespace PeerBot.Cli;

/// <summary>The options after a verb: "--name value" pairs and bare "--flag" switches, each allowed at most once.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CliArguments(string verb) => Verb = verb;

    public string Verb { get; }

    public static CliArguments Parse(string verb, IReadOnlyList<string> args, IReadOnlySet<string> options, IReadOnlySet<string> switches)
    {
        var parsed = new CliArguments(verb);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (switches.Contains(name))
            {
                parsed.Set(name, null);
            }
            else if (options.Contains(name))
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && (options.Contains(args[i + 1]) || switches.Contains(args[i + 1]))))
                {
                    throw new CliException($"{name} needs a value.");
                }
                parsed.Set(name, args[++i]);
            }
            else
            {
                throw new CliException(name.StartsWith('-')
                    ? $"Unknown option {name} for {verb}. Run 'help' for usage."
                    : $"Unexpected argument '{name}' for {verb}. Run 'help' for usage.");
            }
        }
        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new CliException($"{Verb} needs {name}. Run 'help' for usage.");

    public int Integer(string name, int fallback, int min, int max)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliException($"{name} must be a whole number from {min} to {max}; got '{text}'.");
        }
        return value;
    }

    private void Set(string name, string? value)
    {
        if (!_values.TryAdd(name, value))
        {
            throw new CliException($"{name} is given twice.");
        }
    }
}
