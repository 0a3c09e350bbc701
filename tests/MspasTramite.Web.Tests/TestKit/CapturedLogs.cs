using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MspasTramite.Web.Tests.TestKit;

public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Fields, string? Exception)
{
    /// Everything a log collector would store for this entry: message, structured fields, exception.
    public string AllText => string.Join('\n', [Category, Message, .. Fields.Select(f => $"{f.Key}={f.Value}"), Exception ?? ""]);
}

/// A logger provider that keeps what the app logs, after the app's own level filters, so tests can
/// assert on structured logs exactly as the JSON console would have written them.
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// For a person debugging a run: MSPAS_TEST_LOGDIR=/some/dir keeps each app's log as a file.
    public async Task WriteToAsync(string? directory, string name)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var lines = entries.Select(e => $"{e.Level} {e.Category}: {e.Message}{(e.Exception is null ? "" : "\n" + e.Exception)}");
        await File.WriteAllLinesAsync(Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.log"), lines);
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList()
                : [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), fields, exception?.ToString()));
        }
    }
}
