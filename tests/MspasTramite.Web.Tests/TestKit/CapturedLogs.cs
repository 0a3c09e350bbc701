using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MspasTramite.Web.Tests.TestKit;

/// <param name="Json">The line the app's JSON console writes for the entry (null where the app has
/// none, as in Development): its own formatter with its own options, scopes included.</param>
public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Fields, string? Exception, string? Json)
{
    /// Everything a log collector would store for this entry: message, structured fields, exception, scopes.
    public string AllText => string.Join('\n', [Category, Message, .. Fields.Select(f => $"{f.Key}={f.Value}"), Exception ?? "", Json ?? ""]);
}

/// A logger provider that keeps what the app logs, after the app's own level filters, so tests can
/// assert on structured logs exactly as the JSON console would have written them.
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private IExternalScopeProvider? scopes;
    private ConsoleFormatter? json;

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// Each entry is also written by this formatter: the app's JSON console formatter, as the app
    /// configured it (Program.cs), which the test host keeps registered when it removes the console.
    public CapturedLogs WithFormatter(ConsoleFormatter? formatter)
    {
        json = formatter;
        return this;
    }

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

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturedLogs logs) : ILogger
    {
        // The logger factory keeps the scopes (ISupportExternalScope) and hands them to the formatter.
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList()
                : [];
            logs.entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), fields, exception?.ToString(), Json(logLevel, eventId, state, exception, formatter)));
        }

        // As the console logger does: formatted at once, on the thread that logs, so the scopes
        // (and the current Activity's trace id) are those of the code that wrote the entry.
        private string? Json<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logs.json is null)
            {
                return null;
            }

            using var writer = new StringWriter();
            logs.json.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), logs.scopes, writer);
            return writer.ToString().TrimEnd();
        }
    }
}
