using Microsoft.AspNetCore.Hosting;

namespace MspasTramite.Web.Tests.TestKit;

/// An app whose host filtering lets a forged Host header through, as Development does (or an
/// AllowedHosts list wider than it should be), and whose public address is not the name the test
/// client uses. Whatever the Host header of a request says, every link the app makes must be its
/// configured PublicBaseUrl. Payments are on, for the gateway's return addresses and the receipts.
public interface IForgedHostApp
{
    /// The configured public address: no request of the tests is ever sent to this name.
    public const string PublicBaseUrl = "https://tramites.mspas.test";

    /// What an attacker puts in the Host header of the requests they send.
    public const string ForgedHost = "evil.example";
}

internal static class ForgedHostHost
{
    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("PublicBaseUrl", IForgedHostApp.PublicBaseUrl);
        // localhost: the test client, the sandbox's API and its webhooks.
        builder.UseSetting("AllowedHosts", $"localhost;{IForgedHostApp.ForgedHost}");
    }
}

public sealed class SqliteForgedHostAppFactory : SqlitePaymentsAppFactory, IForgedHostApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ForgedHostHost.Configure(builder);
    }
}

public sealed class PostgresForgedHostAppFactory : PostgresPaymentsAppFactory, IForgedHostApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ForgedHostHost.Configure(builder);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteForgedHostApp : ICollectionFixture<SqliteForgedHostAppFactory>
{
    public const string Name = "App reached with a forged Host on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresForgedHostApp : ICollectionFixture<PostgresForgedHostAppFactory>
{
    public const string Name = "App reached with a forged Host on PostgreSQL";
}
