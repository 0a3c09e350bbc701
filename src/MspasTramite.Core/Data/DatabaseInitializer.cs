using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Data;

/// Creates and migrates the database at start, so no change ever needs a hand-made database step.
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
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
}
