using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Data;
using Npgsql;
using NpgsqlTypes;

namespace MspasTramite.Bench;

internal sealed class PostgresEngine(BenchOptions options) : BenchEngine(options)
{
    private readonly string databaseName = $"mspas_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
    private string? connectionString;
    private bool created;

    public override string Name => "PostgreSQL";

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder(Options.Postgres) { Database = "postgres", Pooling = false }.ConnectionString;

    private string ConnectionString => connectionString ?? throw new InvalidOperationException("No database yet.");

    protected override async Task<(string? ConnectionString, string DataDirectory)> CreateDatabaseAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", admin);
            await command.ExecuteNonQueryAsync();
        }

        created = true;
        connectionString = new NpgsqlConnectionStringBuilder(Options.Postgres) { Database = databaseName }.ConnectionString;
        // The data folder holds only what AddCoreServices creates there (nothing the bench reads).
        var directory = Path.Combine(Path.GetTempPath(), databaseName);
        Directory.CreateDirectory(directory);
        return (connectionString, directory);
    }

    protected override void AddInterceptor(IServiceCollection services) =>
        services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(Capture));

    // ANALYZE runs the statement (once more) and shows real row counts, times and buffers.
    protected override string ExplainPrefix(string sql) => "EXPLAIN (ANALYZE, BUFFERS) ";

    public override async Task LoadApplicationsAsync(IEnumerable<ApplicationRow> applications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var writer = await connection.BeginBinaryImportAsync($"COPY \"Applications\" ({QuotedColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await using (writer)
        {
            var written = 0;
            foreach (var a in applications)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(a.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(a.ApplicantId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(a.ProcedureVersionId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(a.Status, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, a.FileNumber, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(a.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, a.CompanyName, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(a.EstablishmentName, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(a.DepartmentCode, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(a.FeeAmount, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync("GTQ", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(a.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, a.SubmittedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(a.ConcurrencyStamp, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(writer, a.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, a.SlaDueOn, NpgsqlDbType.Date, cancellationToken);
                await WriteAsync(writer, a.SlaWarnOn, NpgsqlDbType.Date, cancellationToken);
                await WriteAsync(writer, a.ClockStoppedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, a.AssignedToId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteAsync(writer, a.AssignedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, a.DecidedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteAsync(writer, a.DecidedById, NpgsqlDbType.Varchar, cancellationToken);
                if (++written % 50_000 == 0)
                {
                    Progress.Report(written);
                }
            }

            await writer.CompleteAsync(cancellationToken);
            Progress.Done(written);
        }
    }

    public override async Task LoadTableAsync(BulkTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Completing a COPY of millions of rows (4.4M history lines at 1M files) waits on the server's
        // index and foreign-key work for longer than Npgsql's default 30 s command timeout.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        var writer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        await using (writer)
        {
            var written = 0;
            foreach (var row in table.Rows)
            {
                await writer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await writer.WriteAsync(row[i], table.Columns[i].Type, cancellationToken);
                    }
                }

                if (++written % 100_000 == 0)
                {
                    Progress.Report(written, table.Name);
                }
            }

            await writer.CompleteAsync(cancellationToken);
            Progress.Done(written, table.Name);
        }
    }

    public override async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // VACUUM as well: it sets the visibility map, without which no index-only scan is possible.
        // Autovacuum would do the same a little after a bulk insert.
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        async Task<string?> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return
        [
            $"PostgreSQL {await Scalar("SHOW server_version")}, shared_buffers={await Scalar("SHOW shared_buffers")}, work_mem={await Scalar("SHOW work_mem")}, "
                + $"effective_cache_size={await Scalar("SHOW effective_cache_size")}, random_page_cost={await Scalar("SHOW random_page_cost")}, "
                + $"max_parallel_workers_per_gather={await Scalar("SHOW max_parallel_workers_per_gather")}",
            $"Applications: table {await Scalar("SELECT pg_size_pretty(pg_table_size('\"Applications\"'))")}, "
                + $"indexes {await Scalar("SELECT pg_size_pretty(pg_indexes_size('\"Applications\"'))")}",
        ];
    }

    public override async Task<IReadOnlyList<string>> IndexesAsync(CancellationToken cancellationToken)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQueryRaw<string>(
            "SELECT indexdef || '  -- ' || pg_size_pretty(pg_relation_size(format('%I', indexname)::regclass)) AS \"Value\" FROM pg_indexes WHERE tablename = 'Applications' ORDER BY indexname")
            .ToListAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!created)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (Options.Keep)
        {
            Console.WriteLine($"PostgreSQL database kept: {databaseName}");
            return;
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
        Directory.Delete(Path.Combine(Path.GetTempPath(), databaseName), recursive: true);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
