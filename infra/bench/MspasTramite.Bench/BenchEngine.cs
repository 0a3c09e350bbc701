using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MspasTramite.Core;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Bench;

/// One database engine under test. The database is the app's own: the services come from
/// AddCoreServices (the same AppDbContext subclass, provider options and interceptors as the app),
/// the schema from DatabaseInitializer (the app's migrations and procedure seed). Only the bulk load
/// goes around EF, because a million tracked entities would measure EF, not the queue.
internal abstract class BenchEngine : IAsyncDisposable
{
    private IHost? host;

    protected BenchEngine(BenchOptions options)
    {
        Options = options;
        Capture = new CommandCapture(ExplainPrefix);
    }

    public abstract string Name { get; }

    public CommandCapture Capture { get; }

    protected BenchOptions Options { get; }

    protected IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("Not started.");

    protected abstract DatabaseProvider Provider { get; }

    /// The settings the app is given for this database (Database:Provider, ConnectionString,
    /// DataDirectory): the web benchmark starts the app on the database the bench loaded.
    public (DatabaseProvider Provider, string? ConnectionString, string DataDirectory) AppDatabase { get; private set; }

    /// Creates the empty database and returns the settings the app would be given for it.
    protected abstract Task<(string? ConnectionString, string DataDirectory)> CreateDatabaseAsync();

    protected abstract void AddInterceptor(IServiceCollection services);

    protected abstract string ExplainPrefix(string sql);

    /// Inserts the applications with the engine's fastest means, in the app's column formats.
    public abstract Task LoadApplicationsAsync(IEnumerable<ApplicationRow> applications, CancellationToken cancellationToken);

    /// Inserts one table of the files' history (payments, events, surveys …) the same way.
    public abstract Task LoadTableAsync(BulkTable table, CancellationToken cancellationToken);

    public abstract Task AnalyzeAsync(CancellationToken cancellationToken);

    /// Engine version, sizes and settings that matter to the reader of the report.
    public abstract Task<IReadOnlyList<string>> DescribeAsync(CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<string>> IndexesAsync(CancellationToken cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (connectionString, dataDirectory) = await CreateDatabaseAsync();
        AppDatabase = (Provider, connectionString, dataDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = dataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataDirectory"] = dataDirectory,
            // Required by AddCoreServices; the bench sends no email and makes no link.
            ["PublicBaseUrl"] = "http://localhost",
            // The KPI pages bring the rollup up to date first when it is older than this: the bench
            // builds it once and times the reads alone, so it must stay fresh for the whole run.
            ["Performance:RollupMaxAge"] = "1.00:00:00",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddCoreServices(runBackgroundJobs: false);
        AddInterceptor(builder.Services);
        host = builder.Build();
        await DatabaseInitializer.MigrateAsync(host.Services, cancellationToken);
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task<IReadOnlyList<(Guid ProcedureId, Guid VersionId, string Name, Department Department, int LegalTimeDays)>> ProceduresAsync(CancellationToken cancellationToken)
    {
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var versions = await db.ProcedureVersions.AsNoTracking()
            .OrderBy(v => v.Procedure.Slug)
            .Select(v => new { v.ProcedureId, v.Id, v.Name, v.Procedure.Department, v.LegalTimeDays, v.Procedure.Slug })
            .ToListAsync(cancellationToken);
        // The seed's order (pharmacy, processed food, food factory, establishment) carries the shares.
        var order = ProcedureCatalogueSeed.Build(DateTimeOffset.UnixEpoch).Select(p => p.Slug).ToList();
        return [.. versions.OrderBy(v => order.IndexOf(v.Slug)).Select(v => (v.ProcedureId, v.Id, v.Name, v.Department, v.LegalTimeDays))];
    }

    /// Few enough for EF, which also gives the app's exact column formats for users.
    public async Task LoadUsersAsync(Population population, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(population);
        await using var scope = CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var user in population.Analysts.Concat(population.Applicants))
        {
            var email = user.FullName.Replace(' ', '.').ToLowerInvariant() + "@bench.mspas.gt";
            db.Users.Add(new ApplicationUser
            {
                Id = user.Id,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                FullName = user.FullName,
                IsStaff = user.IsStaff,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = population.Now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static readonly string[] ApplicationColumns =
    [
        "Id", "ApplicantId", "ProcedureVersionId", "Status", "FileNumber", "ApplicantKind", "CompanyName", "EstablishmentName",
        "DepartmentCode", "ExtraFeeCodes", "FeeAmount", "Currency", "CreatedAt", "UpdatedAt", "SubmittedAt", "ConcurrencyStamp",
        "WorkflowVersion", "ReceivedAt", "SlaDueOn", "SlaWarnOn", "ClockStoppedAt", "AssignedToId", "AssignedAt", "DecidedAt", "DecidedById",
    ];

    protected static string QuotedColumns => string.Join(", ", ApplicationColumns.Select(c => $"\"{c}\""));
}
