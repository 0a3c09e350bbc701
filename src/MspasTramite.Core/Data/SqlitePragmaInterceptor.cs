using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Core.Data;

/// SQLite settings that live on each connection rather than in the file. WAL mode is set once, at
/// start, by DatabaseInitializer (it persists in the file).
/// Microsoft.Data.Sqlite pools physical connections: Open mostly hands back one opened before,
/// whose settings are still in force. So the batch runs once per physical connection, recognised by
/// its native handle, which lives exactly as long as the physical connection does; the weak table
/// lets a handle's entry go with it.
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // Writers queue for up to 10 s instead of failing at once with "database is locked".
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<object, object> handles = new();
    private int batches;

    /// How many times the batch ran since start: once per physical connection opened.
    public int Batches => Volatile.Read(ref batches);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        MarkConfigured(connection);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && handles.TryGetValue(handle, out _);

    private void MarkConfigured(DbConnection connection)
    {
        Interlocked.Increment(ref batches);
        if (connection is SqliteConnection { Handle: { } handle })
        {
            handles.AddOrUpdate(handle, Configured);
        }
    }
}
