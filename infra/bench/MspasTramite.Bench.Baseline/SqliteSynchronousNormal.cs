using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Bench.Baseline;

/// The durability the app's SQLite connections have (synchronous = NORMAL in WAL mode, from its
/// SqlitePragmaInterceptor), set once per physical connection: the pool hands back the same native
/// handle, which keeps the setting. Without it every insert here waits for an fsync the app skips.
internal sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = "PRAGMA synchronous = NORMAL;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private bool IsNew(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && configured.TryAdd(handle, handle);
}
