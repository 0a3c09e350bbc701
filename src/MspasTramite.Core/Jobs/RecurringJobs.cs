using Hangfire;
using Microsoft.Extensions.Hosting;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Jobs;

/// Registers the recurring sweeps at start. The database rows are the source of truth; these jobs only
/// do the work, so a sweep that is missed is simply done by the next one.
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<OutboxDispatcher>("outbox-dispatch", d => d.DispatchDueAsync(CancellationToken.None), Cron.Minutely());
        // Open sessions older than the configured age are asked about; stale ones expire.
        recurring.AddOrUpdate<PaymentService>("payments-reconcile", p => p.ReconcileAsync(CancellationToken.None), "*/5 * * * *");
        // Workflow timers: every minute, and once right away so that timers that fell due while the
        // service was down fire on restart without waiting for the first minute.
        recurring.AddOrUpdate<TimerService>("workflow-timers", t => t.FireDueAsync(CancellationToken.None), Cron.Minutely());
        // Sessions past their idle or absolute end are already refused; this only clears their rows.
        recurring.AddOrUpdate<AccountSessions>("account-sessions-cleanup", s => s.DeleteExpiredAsync(CancellationToken.None), Cron.Hourly());
        jobs.Enqueue<TimerService>(t => t.FireDueAsync(CancellationToken.None));
        // Sign-in failure counts long over count nothing; the table would only grow.
        recurring.AddOrUpdate<SignInThrottles>("sign-in-throttles-sweep", t => t.DeleteStaleAsync(CancellationToken.None), Cron.Daily());
        // The daily figures the dashboard and /desempeno read; pages also refresh them when older than
        // Performance:RollupMaxAge, so this only keeps them warm.
        recurring.AddOrUpdate<PerformanceRollup>("performance-rollup", r => r.RefreshAsync(CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
