using System.Collections.Concurrent;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MspasTramite.Core.Data;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Web.Tests.TestKit;

/// The app as the back-office tests need it: a clock the test moves (deadlines, SLA warnings) and
/// saves a test can make fail.
public interface IReviewApp
{
    TestClock Clock { get; }

    SaveFaults Faults { get; }
}

internal static class ReviewHost
{
    /// The recurring sweep of TimerService (Core/Jobs/RecurringJobs.cs).
    public const string TimerSweepJob = "workflow-timers";

    public static void Configure(IWebHostBuilder builder, MspasAppFactory app, IReviewApp review)
    {
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(review.Clock);
            var interceptor = new SaveFaultInterceptor(review.Faults);
            if (app.Provider == DatabaseProvider.Postgres)
            {
                services.ConfigureDbContext<PostgresAppDbContext>(o => o.AddInterceptors(interceptor));
            }
            else
            {
                services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(interceptor));
            }
        });
    }

    /// Stops the minutely timer sweep, so that timers fire only when the test calls TimerService.
    public static void StopTimerSweep(MspasAppFactory app) =>
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(TimerSweepJob);
}

/// Timers fire when the test calls TimerService: the minutely background sweep is stopped, so it
/// never races a test's own sweep, and a file paid "weeks ago" does not email every head of section.
/// An app started again by RestartAsync sweeps in the background, as the service does after a restart.
public class SqliteReviewAppFactory : SqliteAppFactory, IReviewApp
{
    private readonly bool sweepsTimers;

    public SqliteReviewAppFactory()
        : this(null, null)
    {
    }

    private SqliteReviewAppFactory(SqliteReviewAppFactory? previous, DateTimeOffset? startAt)
        : base(previous)
    {
        Clock = new TestClock(startAt);
        sweepsTimers = previous is not null;
    }

    public TestClock Clock { get; }

    public SaveFaults Faults { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!sweepsTimers)
        {
            ReviewHost.StopTimerSweep(this);
        }
    }

    /// Stops this app, leaving its database and files, and starts the service again on them with the
    /// clock at <paramref name="at"/> (as a deployment, or a crash and restart, would).
    public async Task<SqliteReviewAppFactory> RestartAsync(DateTimeOffset at)
    {
        var next = new SqliteReviewAppFactory(this, at);
        HandOnStorage();
        await DisposeAsync();
        await next.InitializeAsync();
        return next;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReviewHost.Configure(builder, this, this);
    }
}

public class PostgresReviewAppFactory : PostgresAppFactory, IReviewApp
{
    private readonly bool sweepsTimers;

    public PostgresReviewAppFactory()
        : this(null, null)
    {
    }

    private PostgresReviewAppFactory(PostgresReviewAppFactory? previous, DateTimeOffset? startAt)
        : base(previous)
    {
        Clock = new TestClock(startAt);
        sweepsTimers = previous is not null;
    }

    public TestClock Clock { get; }

    public SaveFaults Faults { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!sweepsTimers)
        {
            ReviewHost.StopTimerSweep(this);
        }
    }

    public async Task<PostgresReviewAppFactory> RestartAsync(DateTimeOffset at)
    {
        var next = new PostgresReviewAppFactory(this, at);
        HandOnStorage();
        await DisposeAsync();
        await next.InitializeAsync();
        return next;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReviewHost.Configure(builder, this, this);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteReviewApp : ICollectionFixture<SqliteReviewAppFactory>
{
    public const string Name = "Back office on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresReviewApp : ICollectionFixture<PostgresReviewAppFactory>
{
    public const string Name = "Back office on PostgreSQL";
}

/// Makes the app's saves fail while a test says so, as a database that refuses a write would: the
/// unit of work that hits it must roll back whole and leave a trace.
public sealed class SaveFaults
{
    public const string Message = "Simulated failure: the database refused the save (test fault).";

    private readonly ConcurrentDictionary<string, int> failingRecipients = new(StringComparer.OrdinalIgnoreCase);
    private int tripped;

    /// Every save that writes an email to <paramref name="address"/> fails, the next
    /// <paramref name="times"/> times, until the returned handle is disposed.
    public IDisposable FailSavesEmailing(string address, int times = int.MaxValue)
    {
        failingRecipients[address] = times;
        return new Disarm(this, address);
    }

    /// How many saves failed because of this fault.
    public int Tripped => Volatile.Read(ref tripped);

    internal void Check(DbContext? context)
    {
        if (context is null || failingRecipients.IsEmpty)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added))
        {
            var to = entry.Entity.To;
            if (failingRecipients.TryGetValue(to, out var left) && left > 0 && failingRecipients.TryUpdate(to, left - 1, left))
            {
                Interlocked.Increment(ref tripped);
                throw new InvalidOperationException(Message);
            }
        }
    }

    private sealed class Disarm(SaveFaults faults, string address) : IDisposable
    {
        public void Dispose() => faults.failingRecipients.TryRemove(address, out _);
    }
}

internal sealed class SaveFaultInterceptor(SaveFaults faults) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        faults.Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        faults.Check(eventData.Context);
        return ValueTask.FromResult(result);
    }
}
