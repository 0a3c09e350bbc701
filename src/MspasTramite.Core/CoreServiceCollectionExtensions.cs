using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Jobs;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Publishing;
using MspasTramite.Core.Review;

namespace MspasTramite.Core;

public static class CoreServiceCollectionExtensions
{
    /// Everything that is not HTTP: the database, email, background jobs.
    public static IHostApplicationBuilder AddCoreServices(this IHostApplicationBuilder builder, bool runBackgroundJobs = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Read first, so that a service without its public address stops before it creates anything.
        services.AddSingleton(PublicAddress.FromConfiguration(builder.Configuration));
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataDirectory = Path.GetFullPath(database.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        services.Configure<DatabaseOptions>(o =>
        {
            builder.Configuration.GetSection(DatabaseOptions.Section).Bind(o);
            o.DataDirectory = dataDirectory;
        });
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.Configure<UploadOptions>(builder.Configuration.GetSection(UploadOptions.Section));
        services.AddSingleton<DocumentStore>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<ProcedurePublishing>();
        services.AddSingleton<Performance.FormFunnel>();
        services.AddScoped<Performance.SurveyService>();
        services.AddOptions<Performance.PerformanceOptions>().Bind(builder.Configuration.GetSection(Performance.PerformanceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Performance.PerformanceRollup>();
        services.AddScoped<Performance.KpiDashboard>();
        services.AddOptions<PaymentOptions>()
            .Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.GatewayFeePercent is >= 0 and <= 100 && o.GatewayFeeFixed >= 0,
                "Payments:GatewayFeePercent must be between 0 and 100 and Payments:GatewayFeeFixed must not be negative.")
            .ValidateOnStart();
        services.AddScoped<Performance.PerformanceInputs>();
        services.AddMemoryCache();
        services.AddScoped<Performance.PublicPerformance>();
        services.Configure<StripeOptions>(builder.Configuration.GetSection(StripeOptions.Section));
        services.AddHttpClient(StripePaymentGateway.HttpClientName);
        services.AddScoped<IPaymentGateway, StripePaymentGateway>();
        services.AddScoped<PaymentService>();
        services.Configure<ReviewOptions>(builder.Configuration.GetSection(ReviewOptions.Section));
        services.AddScoped<ResolutionService>();
        services.AddScoped<ReviewService>();
        services.AddScoped<TimerService>();
        services.Configure<Identity.AccountSessionOptions>(builder.Configuration.GetSection(Identity.AccountSessionOptions.Section));
        services.AddScoped<Identity.AccountSessions>();
        services.Configure<Identity.SignInThrottleOptions>(builder.Configuration.GetSection(Identity.SignInThrottleOptions.Section));
        services.AddScoped<Identity.SignInThrottles>();
        services.AddScoped<Identity.AccountAudit>();
        services.Configure<Identity.TwoFactorOptions>(builder.Configuration.GetSection(Identity.TwoFactorOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        AddDatabase(services, database, dataDirectory);
        AddEmail(services, builder.Configuration, dataDirectory);
        AddJobs(services, database, runBackgroundJobs);
        return builder;
    }

    private static void AddDatabase(IServiceCollection services, DatabaseOptions database, string dataDirectory)
    {
        // Every AfterCommitInterceptor registered (here and by the host) joins each context's interceptors.
        services.AddScoped<AfterCommitInterceptor, OutboxKickInterceptor>();
        services.AddSingleton<HolidayCalendar>();
        services.AddScoped<AfterCommitInterceptor, HolidayChangeInterceptor>();
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = string.IsNullOrWhiteSpace(database.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "mspas.db")}"
                    : database.ConnectionString;
                services.AddSingleton<SqlitePragmaInterceptor>();
                services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                    .UseSqlite(sqlite)
                    .AddInterceptors([sp.GetRequiredService<SqlitePragmaInterceptor>(), .. sp.GetServices<AfterCommitInterceptor>()]));
                break;
            case DatabaseProvider.Postgres:
                var postgres = database.ConnectionString
                    ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
                services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                    .UseNpgsql(postgres, npgsql => npgsql.EnableRetryOnFailure(3))
                    .AddInterceptors(sp.GetServices<AfterCommitInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {database.Provider}.");
        }
    }

    private static void AddEmail(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddScoped<EmailOutbox>();
        services.AddScoped<OutboxDispatcher>();
        var smtpHost = configuration[$"{SmtpOptions.Section}:Host"];
        if (string.IsNullOrWhiteSpace(smtpHost))
        {
            services.AddSingleton<IMailTransport>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
                return new PickupDirectoryMailTransport(Path.GetFullPath(o.PickupDirectory, dataDirectory));
            });
        }
        else
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
    }

    private static void AddJobs(IServiceCollection services, DatabaseOptions database, bool runBackgroundJobs)
    {
        // The storage is registered as this host's own singleton rather than through Hangfire's static
        // JobStorage.Current, so two hosts in one process (the test suite) never share a queue.
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.Postgres
            ? new PostgreSqlStorage(
                new NpgsqlConnectionFactory(database.ConnectionString!, new PostgreSqlStorageOptions()),
                new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) })
            : new InMemoryStorage(new InMemoryStorageOptions()));
        // Likewise the activator: Hangfire's default reads the static JobActivator.Current, which the
        // last host to configure Hangfire overwrites, so a second host would run this host's jobs with
        // its own services (its database, its SMTP settings). Hangfire's log provider stays process-wide.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        if (runBackgroundJobs)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
            services.AddHostedService<RecurringJobsRegistration>();
        }
    }
}
