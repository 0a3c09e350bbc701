using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Tests.Data;

/// Alone: other test classes empty every SQLite pool (SqliteConnection.ClearAllPools) when they end,
/// which would hand these tests a new physical connection where they expect the pooled one.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqlitePoolTests
{
    public const string Name = "SQLite connection pool";
}

/// The per-connection pragmas run once per physical connection: a reopen that gets a pooled
/// connection back keeps its settings and runs nothing, a new physical connection gets the batch.
[Collection(SqlitePoolTests.Name)]
public sealed class SqlitePragmaInterceptorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"pragmas-{Guid.NewGuid():N}");
    private readonly SqlitePragmaInterceptor interceptor = new();

    public SqlitePragmaInterceptorTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Reopen_OfAPooledConnection_DoesNotRunTheBatchAgain()
    {
        await using (var first = NewContext())
        {
            Assert.Equal(10000L, await ScalarAsync(first, "PRAGMA busy_timeout;"));
        }

        Assert.Equal(1, interceptor.Batches);

        await using (var second = NewContext())
        {
            // The same physical connection from the pool, its settings still in force.
            Assert.Equal(10000L, await ScalarAsync(second, "PRAGMA busy_timeout;"));
            Assert.Equal(1L, await ScalarAsync(second, "PRAGMA foreign_keys;"));
            Assert.Equal(1L, await ScalarAsync(second, "PRAGMA synchronous;")); // NORMAL
        }

        Assert.Equal(1, interceptor.Batches);
    }

    [Fact]
    public async Task Open_OfANewPhysicalConnection_RunsTheBatch()
    {
        await using (var first = NewContext())
        {
            await ScalarAsync(first, "PRAGMA busy_timeout;");
        }

        // A second physical connection while the first is in use, then a third after the pool is emptied.
        await using (var held = NewContext())
        {
            await held.Database.OpenConnectionAsync();
            await using var other = NewContext();
            Assert.Equal(10000L, await ScalarAsync(other, "PRAGMA busy_timeout;"));
            Assert.Equal(1L, await ScalarAsync(other, "PRAGMA foreign_keys;"));
        }

        Assert.Equal(2, interceptor.Batches);
        SqliteConnection.ClearAllPools();

        await using (var fresh = NewContext())
        {
            Assert.Equal(10000L, await ScalarAsync(fresh, "PRAGMA busy_timeout;"));
        }

        Assert.Equal(3, interceptor.Batches);
    }

    [Fact]
    public void Open_Synchronous_RunsTheBatchOncePerPhysicalConnection()
    {
        using (var first = NewContext())
        {
            first.Database.OpenConnection();
            first.Database.CloseConnection();
            first.Database.OpenConnection();
            using var command = first.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA foreign_keys;";
            Assert.Equal(1L, command.ExecuteScalar());
        }

        Assert.Equal(1, interceptor.Batches);
    }

    private static async Task<object?> ScalarAsync(DbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "pragmas.db")}")
            .AddInterceptors(interceptor)
            .Options);
}
