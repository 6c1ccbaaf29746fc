using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PeerBot.Tests.Hostile;

/// <summary>Counts the errors the app logs, by category and exception type, with the first message and stack of each.</summary>
public sealed class ErrorTally : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, (int Count, string First)> _errors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (int Count, string First)> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counter(ErrorTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var key = $"{category}: {exception?.GetType().Name ?? "no exception"}";
            var first = $"{formatter(state, exception)} {exception}";
            tally._errors.AddOrUpdate(key, (1, first), (_, seen) => (seen.Count + 1, seen.First));
        }
    }
}
