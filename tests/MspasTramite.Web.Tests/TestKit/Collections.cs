namespace MspasTramite.Web.Tests.TestKit;

// One app per database engine, shared by every test class of its collection: starting the app
// (migrations, Hangfire server) is the slow part. Tests stay independent through unique people.

[CollectionDefinition(Name)]
public sealed class SqliteApp : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "App on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresApp : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "App on PostgreSQL";
}
