using Hangfire;
using Microsoft.Extensions.Hosting;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Payments;

namespace MspasTramite.Core.Jobs;

/// Registers the recurring sweeps at start. The database rows are the source of truth; these jobs only
/// do the work, so a sweep that is missed is simply done by the next one.
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<OutboxDispatcher>("outbox-dispatch", d => d.DispatchDueAsync(CancellationToken.None), Cron.Minutely());
        // Open sessions older than the configured age are asked about; stale ones expire.
        recurring.AddOrUpdate<PaymentService>("payments-reconcile", p => p.ReconcileAsync("", CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
