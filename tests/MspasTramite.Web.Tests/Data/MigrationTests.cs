using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Data;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Data;

[Collection(SqliteApp.Name)]
public sealed class MigrationTests_Sqlite(SqliteAppFactory app) : MigrationTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class MigrationTests_Postgres(PostgresAppFactory app) : MigrationTests<PostgresAppFactory>(app);

/// Each engine has its own migrations; the app applies them at start, and they match the model.
public abstract class MigrationTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task AfterStart_EveryMigrationOfTheProviderIsApplied()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var pending = await db.Database.GetPendingMigrationsAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.Empty(pending);
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
    }

    [Fact]
    public async Task Model_HasNoChangesMissingFromTheProvidersMigrations()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // False means `dotnet ef migrations add` for this engine would produce an empty migration.
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes not captured in the {app.Provider} migrations.");
    }

    [Fact]
    public async Task Context_IsTheProvidersOwnSubclass()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var expected = app.Provider == DatabaseProvider.Postgres ? typeof(PostgresAppDbContext) : typeof(SqliteAppDbContext);
        Assert.IsType(expected, db);
        Assert.Equal(
            app.Provider == DatabaseProvider.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite",
            db.Database.ProviderName);
    }
}
