namespace PeerBot.Cli;

/// <summary>Bad arguments or a bad file: reported as one line, exit code 2.</summary>
public sealed class CliException : Exception
{
    public CliException() { }
    public CliException(string message) : base(message) { }
    public CliException(string message, Exception inner) : base(message, inner) { }
}
