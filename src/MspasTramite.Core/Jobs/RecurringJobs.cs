using Hangfire;
using Microsoft.Extensions.Hosting;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Core.Jobs;

/// Registers the recurring sweeps at start. The database rows are the source of truth; these jobs only
/// do the work, so a sweep that is missed is simply done by the next one.
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<OutboxDispatcher>("outbox-dispatch", d => d.DispatchDueAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
