using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PeerBot.Tests.Privacy;

/// <summary>
/// A log sink that keeps everything written to it, at every level, with its structured values, exception
/// text and scopes, so tests can search what would have reached a real log store.
/// </summary>
[ProviderAlias("Captured")]
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>Logging at Trace for this sink only, whatever appsettings says for other providers.</summary>
    public void AttachTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new StringBuilder();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values.Append(key).Append('=').Append(value).Append(' ');
                }
            }
            sink._scopes.ForEachScope((scope, text) => text.Append(" scope:").Append(scope), values);
            sink._records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), exception?.ToString(), values.ToString()));
        }
    }
}

/// <summary>One log call as a log store would keep it.</summary>
public sealed record LogRecord(string Category, LogLevel Level, string Message, string? Exception, string Values)
{
    public string AllText => $"{Category} {Message} {Exception} {Values}";
}
