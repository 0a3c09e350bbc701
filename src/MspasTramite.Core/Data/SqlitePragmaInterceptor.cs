using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Core.Data;

/// SQLite settings that live on each connection rather than in the file. WAL mode is set once, at
/// start, by DatabaseInitializer (it persists in the file).
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // Writers queue for up to 10 s instead of failing at once with "database is locked".
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
