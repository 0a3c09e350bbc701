using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Data;

namespace MspasTramite.Bench;

internal sealed class SqliteEngine(BenchOptions options) : BenchEngine(options)
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"mspas-bench-{Guid.NewGuid():N}");

    public override string Name => "SQLite";

    private string DatabaseFile => Path.Combine(directory, "mspas.db");

    // The bench's own connections to the file the app uses in its data folder. Not pooled: the app's
    // pool (same file, no Pooling key) must never be handed the load's connection and its pragmas.
    private string ConnectionString => $"Data Source={DatabaseFile};Pooling=False";

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<(string? ConnectionString, string DataDirectory)> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(directory);
        return Task.FromResult<(string?, string)>((null, directory));
    }

    protected override void AddInterceptor(IServiceCollection services) =>
        services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Capture));

    protected override string ExplainPrefix(string sql) => "EXPLAIN QUERY PLAN ";

    public override async Task LoadApplicationsAsync(IEnumerable<ApplicationRow> applications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // A big page cache for the load only (the app's connections keep SQLite's default); the
        // foreign keys stay on, so a user or procedure id in a wrong format fails the load.
        await ExecuteAsync(connection, "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;", cancellationToken);

        var names = ApplicationColumns.Select((_, i) => $"$p{i}").ToArray();
        const int Batch = 50_000;
        var written = 0;
        using var rows = applications.GetEnumerator();
        var more = true;
        while (more)
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                var insert = connection.CreateCommand();
                await using (insert)
                {
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO \"Applications\" ({QuotedColumns}) VALUES ({string.Join(", ", names)})";
                    var parameters = names.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                    insert.Prepare();
                    for (var i = 0; i < Batch && (more = rows.MoveNext()); i++, written++)
                    {
                        var a = rows.Current;
                        // The formats of the app's SQLite mapping: Guid as upper-case text, DateTimeOffset as
                        // UTC ticks (DateTimeOffsetToUtcTicksConverter), DateOnly as yyyy-MM-dd, enums by name,
                        // a primitive collection as JSON.
                        object?[] values =
                        [
                            Text(a.Id), a.ApplicantId, Text(a.ProcedureVersionId), a.Status, a.FileNumber, a.Kind.ToString(), a.CompanyName, a.EstablishmentName,
                            (long)a.DepartmentCode, "[]", a.FeeAmount.ToString("0.0###", CultureInfo.InvariantCulture), "GTQ", a.CreatedAt.UtcTicks, a.UpdatedAt.UtcTicks, a.SubmittedAt?.UtcTicks, Text(a.ConcurrencyStamp),
                            1L, a.ReceivedAt?.UtcTicks, Date(a.SlaDueOn), Date(a.SlaWarnOn), a.ClockStoppedAt?.UtcTicks, a.AssignedToId, a.AssignedAt?.UtcTicks, a.DecidedAt?.UtcTicks, a.DecidedById,
                        ];
                        for (var p = 0; p < values.Length; p++)
                        {
                            parameters[p].SqliteType = values[p] is long ? SqliteType.Integer : SqliteType.Text;
                            parameters[p].Value = values[p] ?? DBNull.Value;
                        }

                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            Progress.Report(written);
        }

        Progress.Done(written);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    public override async Task LoadTableAsync(BulkTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;", cancellationToken);
        var names = table.Columns.Select((_, i) => $"$p{i}").ToArray();
        const int Batch = 100_000;
        var written = 0;
        using var rows = table.Rows.GetEnumerator();
        var more = true;
        while (more)
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                var insert = connection.CreateCommand();
                await using (insert)
                {
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", names)})";
                    var parameters = names.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                    insert.Prepare();
                    for (var i = 0; i < Batch && (more = rows.MoveNext()); i++, written++)
                    {
                        var values = rows.Current;
                        for (var p = 0; p < values.Length; p++)
                        {
                            var value = Value(values[p]);
                            parameters[p].SqliteType = value is long ? SqliteType.Integer : SqliteType.Text;
                            parameters[p].Value = value ?? DBNull.Value;
                        }

                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            Progress.Report(written, table.Name);
        }

        Progress.Done(written, table.Name);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    // The app's SQLite formats, as for the applications above; decimals as EF writes them (text).
    private static object? Value(object? value) => value switch
    {
        null => null,
        Guid g => Text(g),
        DateTimeOffset d => d.UtcTicks,
        DateOnly d => Date(d),
        decimal d => d.ToString("0.0###", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };

    public override async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "ANALYZE;", cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var version = await ScalarAsync(connection, "SELECT sqlite_version();", cancellationToken);
        var journal = await ScalarAsync(connection, "PRAGMA journal_mode;", cancellationToken);
        var cache = await ScalarAsync(connection, "PRAGMA cache_size;", cancellationToken);
        var size = new FileInfo(DatabaseFile).Length;
        return
        [
            $"SQLite {version} (Microsoft.Data.Sqlite with the bundled e_sqlite3), journal_mode={journal}, cache_size={cache} (SQLite's default) on the app's connections",
            $"database file {size / 1024.0 / 1024.0:N0} MiB, " + (Options.Analyze ? "`ANALYZE` statistics in sqlite_stat1" : "no statistics (as the app leaves it)"),
        ];
    }

    public override async Task<IReadOnlyList<string>> IndexesAsync(CancellationToken cancellationToken)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQueryRaw<string>(
            "SELECT \"sql\" AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Applications' AND \"sql\" IS NOT NULL ORDER BY name")
            .ToListAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Options.Keep)
        {
            Console.WriteLine($"SQLite database kept: {DatabaseFile}");
        }
        else
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Text(Guid value) => value.ToString().ToUpperInvariant();

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
    }
}
