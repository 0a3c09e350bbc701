using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;
using Npgsql;

namespace MspasTramite.Core.Data;

/// Creates and migrates the database at start, so no change ever needs a hand-made database step.
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Postgres && options.ConnectionString is { } postgres)
        {
            // Created here, once, without EF's retrying strategy: opening a database that does not
            // exist yet fails, and EnableRetryOnFailure waited out its back-offs (tens of seconds,
            // two connection errors logged) before the migrator created it.
            await EnsurePostgresDatabaseAsync(postgres, cancellationToken).ConfigureAwait(false);
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; the setting persists in the file.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        // On a brand-new database the history table does not exist yet: asking for pending migrations
        // would make EF log an error for the missing table, so every migration is pending then.
        var history = db.GetService<IHistoryRepository>();
        var pending = await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList()
            : [.. db.Database.GetMigrations()];
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, options.Provider, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0 && options.Provider == DatabaseProvider.Sqlite)
        {
            // SqlitePragmaInterceptor sets a physical connection up once; a migration may have changed
            // a setting on the pooled ones it used (EF turns foreign keys off to rebuild a table), so
            // they are dropped and every connection the app uses starts from the batch.
            SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        }

        // Reference data that every installation starts with; added once, then edited as data.
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await ProcedureCatalogueSeed.EnsureSeededAsync(db, clock, cancellationToken).ConfigureAwait(false);
        await GuatemalaHolidays.EnsureSeededAsync(db, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsurePostgresDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Does not exist yet: created below from the maintenance database, as EF would.
        }

        var name = target.Database ?? throw new InvalidOperationException("Database:ConnectionString names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica starting at the same moment created it first.
        }
    }
}
