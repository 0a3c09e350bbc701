using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using Npgsql;

namespace MspasTramite.Web.Tests.TestKit;

/// The whole app in process, on a real database of its own (a SQLite file in a temp folder, or a fresh
/// PostgreSQL database), sending email to the real test SMTP server. Used as an xunit fixture: the
/// database is created before the app starts and dropped after it stops.
public abstract class MspasAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// The app's public address: the name its test client uses, the only host it answers to.
    public const string PublicBaseUrl = "https://localhost";

    private readonly string dataDirectory;
    private readonly bool storageInherited;
    private bool storageHandedOn;
    private bool disposed;

    protected MspasAppFactory()
        : this(null)
    {
    }

    /// An app on the storage (data folder and database) of <paramref name="previous"/>, which must hand
    /// it on before it stops: the same service started again, as after a restart or a deployment.
    protected MspasAppFactory(MspasAppFactory? previous)
    {
        dataDirectory = previous?.dataDirectory ?? Path.Combine(Path.GetTempPath(), "mspas-web-tests", Guid.NewGuid().ToString("N"));
        storageInherited = previous is not null;
    }

    public abstract DatabaseProvider Provider { get; }

    /// Every log entry the app wrote, through the app's own log filters.
    public CapturedLogs Logs { get; } = new();

    /// The app's data folder: the SQLite database, uploads.
    protected string DataDirectory => dataDirectory;

    /// Empty for SQLite: the app then puts mspas.db in its data folder, as in production.
    protected virtual string ConnectionString => "";

    protected virtual int SmtpPort => TestEnvironment.SmtpPort;

    /// All tests share one client address (the test server has none), so the account rate limit is
    /// raised out of the way except in the factory that tests it.
    protected virtual int AccountPermitsPerWindow => 100_000;

    protected virtual int AccountWindowSeconds => 60;

    /// Off in most factories: their tests sign staff in with a password to reach the staff pages. The
    /// two-factor factories turn it on, as the service has it outside Development.
    protected virtual bool TwoFactorRequiredForStaff => false;

    /// Null keeps the app's own upload limit (10 MB).
    protected virtual long? MaxUploadBytes => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Not Development: the production error page, JSON logs, HSTS, no demo accounts.
        builder.UseEnvironment("Testing");
        // UseSetting reaches the app as configuration before Program reads it (AddCoreServices reads
        // the Database section while building the container).
        builder.UseSetting("PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Metrics:AllowedNetworks", MetricsScraper.Network);
        builder.UseSetting("Metrics:BearerToken", MetricsScraper.Token);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        builder.UseSetting("Smtp:Host", TestEnvironment.SmtpHost);
        builder.UseSetting("Smtp:Port", SmtpPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:TimeoutSeconds", "10");
        builder.UseSetting("RateLimiting:AccountPermitsPerWindow", AccountPermitsPerWindow.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:AccountWindowSeconds", AccountWindowSeconds.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Seed:DemoAccounts", "false");
        builder.UseSetting("TwoFactor:RequiredForStaff", TwoFactorRequiredForStaff ? "true" : "false");
        if (MaxUploadBytes is long maxUploadBytes)
        {
            builder.UseSetting("Uploads:MaxFileBytes", maxUploadBytes.ToString(CultureInfo.InvariantCulture));
        }

        // Password hashing is deliberately slow (100,000 PBKDF2 rounds); hundreds of test accounts do
        // not need that strength, and the sign-in code path is the same at any round count.
        builder.ConfigureTestServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.AddTransient<IStartupFilter, ConnectionFrom.StartupFilter>();
        });
        builder.ConfigureLogging(logging =>
        {
            // Replaces the JSON console: the same entries, kept in memory for assertions, each also
            // as the line the app's JSON formatter writes (its options, its scopes).
            logging.ClearProviders();
            logging.Services.AddSingleton<ILoggerProvider>(sp =>
                Logs.WithFormatter(sp.GetServices<ConsoleFormatter>().FirstOrDefault(f => f.Name == ConsoleFormatterNames.Json)));
        });
    }

    public virtual async Task InitializeAsync()
    {
        if (!storageInherited)
        {
            await CreateDatabaseAsync();
        }

        // Start now (migrations, Hangfire server), so the first test does not pay for it.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await base.DisposeAsync();
        await Logs.WriteToAsync(Environment.GetEnvironmentVariable("MSPAS_TEST_LOGDIR"), GetType().Name);
        if (!storageHandedOn)
        {
            await DropDatabaseAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// A browser: its own cookies, no automatic redirects (tests look at each 302).
    /// A server error fails the test at once, with the exception the app logged for it.
    public WebSession CreateSession() => CreateSession(new CookieContainer());

    /// A browser whose cookie jar the test holds: to copy its cookies into another, as a thief would.
    public WebSession CreateSession(CookieContainer cookies) => new(CreateDefaultClient(
        new Uri("https://localhost"),
        new ServerErrorHandler(Logs),
        new CookieContainerHandler(cookies)));

    /// A confirmed account with one role, made the way the seeder and the admin pages make accounts.
    public async Task<TestAccount> CreateAccountAsync(string role)
    {
        var account = TestData.NewAccount(role);
        await using var scope = Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        var created = await seeder.CreateAsync(account.Email, account.FullName, role, account.Password, emailConfirmed: true,
            cui: role == Roles.Solicitante ? TestData.NewCui() : null);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        return account;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// The database goes away (its disk, its server): every query from now on fails, as in an outage.
    public abstract Task LoseDatabaseAsync();

    /// The next app on this storage drops it when it stops; this one leaves it as it is.
    protected void HandOnStorage() => storageHandedOn = true;

    protected virtual Task CreateDatabaseAsync() => Task.CompletedTask;

    protected virtual Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }

        return Task.CompletedTask;
    }

    /// A loopback port where nothing listens: connecting is refused at once.
    protected static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public class SqliteAppFactory : MspasAppFactory
{
    public SqliteAppFactory()
    {
    }

    protected SqliteAppFactory(SqliteAppFactory? previous)
        : base(previous)
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private string LostDirectory => DataDirectory + ".lost";

    /// The data folder moves away at once (a rename: a background job opening the database meanwhile
    /// cannot recreate it there); then the pools drop every connection opened before.
    public override Task LoseDatabaseAsync()
    {
        Directory.Move(DataDirectory, LostDirectory);
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (Directory.Exists(LostDirectory))
        {
            Directory.Delete(LostDirectory, recursive: true);
        }
    }
}

public class PostgresAppFactory : MspasAppFactory
{
    private readonly string databaseName;
    private string? adminConnectionString;

    public PostgresAppFactory()
        : this(null)
    {
    }

    protected PostgresAppFactory(PostgresAppFactory? previous)
        : base(previous)
    {
        databaseName = previous?.databaseName ?? $"mspas_test_{Guid.NewGuid():N}";
        adminConnectionString = previous?.adminConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = databaseName }.ConnectionString;

    // Read on first use, so a missing MSPAS_TEST_POSTGRES fails the fixture with its explanation.
    private string AdminConnectionString => adminConnectionString ??=
        new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = "postgres", Pooling = false }.ConnectionString;

    protected override async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task LoseDatabaseAsync()
    {
        await DropPostgresDatabaseAsync();
        NpgsqlConnection.ClearAllPools();
    }

    protected override async Task DropDatabaseAsync()
    {
        await base.DropDatabaseAsync();
        if (adminConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await DropPostgresDatabaseAsync();
    }

    private async Task DropPostgresDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// Only three account posts per minute: the rate limit itself is under test.
public sealed class SqliteLowRateLimitAppFactory : SqliteAppFactory
{
    public const int Permits = 3;

    protected override int AccountPermitsPerWindow => Permits;
}

/// SMTP pointed at a port where nothing listens: every send fails.
public sealed class SqliteClosedSmtpAppFactory : SqliteAppFactory
{
    private readonly int port = ClosedPort();

    protected override int SmtpPort => port;
}

public sealed class PostgresClosedSmtpAppFactory : PostgresAppFactory
{
    private readonly int port = ClosedPort();

    protected override int SmtpPort => port;
}

/// Uploads limited to 1 MB instead of 10, so an over-limit file is quick to send.
public sealed class SqliteSmallUploadAppFactory : SqliteAppFactory
{
    public const long MaxFileBytes = 1024 * 1024;

    protected override long? MaxUploadBytes => MaxFileBytes;
}

public sealed class PostgresSmallUploadAppFactory : PostgresAppFactory
{
    protected override long? MaxUploadBytes => SqliteSmallUploadAppFactory.MaxFileBytes;
}

public sealed record TestAccount(string Email, string FullName, string Password, string Role);

/// The app as `dotnet run` starts it on a developer's machine (environment Development), without the
/// sandbox gateway that Development mounts (it would keep its state in the source tree).
public sealed class SqliteDevelopmentAppFactory : SqliteAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("PaymentSandbox:Enabled", "false");
    }
}

/// Behind the load balancer: X-Forwarded-For and -Proto are applied (ReverseProxy:Enabled).
public sealed class SqliteBehindProxyAppFactory : SqliteAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ReverseProxy:Enabled", "true");
    }
}

/// An app with one setting of its own, for settings that must stop the start when they are wrong.
public sealed class SqliteWithSettingAppFactory(string key, string value) : SqliteAppFactory
{
    /// Starts the app with the setting and returns what stopped it (the test fails if it started).
    public static async Task<string> StartErrorAsync(string key, string value)
    {
        await using var app = new SqliteWithSettingAppFactory(key, value);
        var error = Record.Exception(() => app.Server);
        Assert.True(error is not null, $"The app started with {key} = '{value}'.");
        return error.ToString();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(key, value);
    }
}
