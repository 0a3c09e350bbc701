using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Web.Tests.TestKit;

/// What the database saw during one request: every command EF ran and every connection it opened,
/// with the DbContext that did it, from EF's diagnostic events. The request is told apart from the
/// other tests running at the same time by its trace id: send it with Traceparent(), and the app's
/// request activity (and so every command it runs) carries that id.
public sealed class DbCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ActivityTraceId trace = ActivityTraceId.CreateRandom();
    private readonly ConcurrentQueue<DbEvent> events = new();
    private readonly ConcurrentBag<IDisposable> subscriptions = [];
    private readonly IDisposable all;

    public DbCommandCounter() => all = DiagnosticListener.AllListeners.Subscribe(this);

    public IReadOnlyList<DbEvent> Events => [.. events];

    /// A W3C traceparent header value that puts the request under this counter's trace id.
    public string Traceparent() => $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    /// The commands and connection opens of the one DbContext whose commands match <paramref name="marker"/>.
    public (IReadOnlyList<string> Commands, int Opens) OfContextThatRan(string marker)
    {
        var contexts = Events.Where(e => e.Sql?.Contains(marker, StringComparison.Ordinal) == true).Select(e => e.ContextId).Distinct().ToList();
        Assert.True(contexts.Count == 1, $"Expected one DbContext running '{marker}' in the request, saw {contexts.Count}.");
        var mine = Events.Where(e => e.ContextId == contexts[0]).ToList();
        return ([.. mine.Where(e => e.Sql is not null).Select(e => e.Sql!)], mine.Count(e => e.Sql is null));
    }

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name == DbLoggerCategory.Name)
        {
            subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (Activity.Current?.TraceId != trace)
        {
            return;
        }

        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData command)
        {
            events.Enqueue(new DbEvent(command.Context?.ContextId.InstanceId ?? Guid.Empty, command.Command.CommandText));
        }
        else if (value.Key == RelationalEventId.ConnectionOpened.Name && value.Value is ConnectionEndEventData opened)
        {
            events.Enqueue(new DbEvent(opened.Context?.ContextId.InstanceId ?? Guid.Empty, null));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    /// A command (its SQL) or, with no SQL, a connection opened.
    public sealed record DbEvent(Guid ContextId, string? Sql);
}
