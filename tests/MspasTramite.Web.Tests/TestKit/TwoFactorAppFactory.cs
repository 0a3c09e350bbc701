using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MspasTramite.Web.Tests.TestKit;

/// The app as outside Development: staff need a second factor (TwoFactor:RequiredForStaff). Its
/// clock moves forward 30 s whenever a test wants the authenticator's next code.
public interface ITwoFactorApp
{
    TestClock Clock { get; }
}

internal static class TwoFactorHost
{
    public static void Configure(IWebHostBuilder builder, TestClock clock) =>
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
}

public sealed class SqliteTwoFactorAppFactory : SqliteAppFactory, ITwoFactorApp
{
    public TestClock Clock { get; } = new();

    protected override bool TwoFactorRequiredForStaff => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TwoFactorHost.Configure(builder, Clock);
    }
}

public sealed class PostgresTwoFactorAppFactory : PostgresAppFactory, ITwoFactorApp
{
    public TestClock Clock { get; } = new();

    protected override bool TwoFactorRequiredForStaff => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TwoFactorHost.Configure(builder, Clock);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteTwoFactorApp : ICollectionFixture<SqliteTwoFactorAppFactory>
{
    public const string Name = "App on SQLite, two-factor required for staff";
}

[CollectionDefinition(Name)]
public sealed class PostgresTwoFactorApp : ICollectionFixture<PostgresTwoFactorAppFactory>
{
    public const string Name = "App on PostgreSQL, two-factor required for staff";
}
