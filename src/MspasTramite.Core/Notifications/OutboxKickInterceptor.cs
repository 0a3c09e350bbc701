using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Notifications;

/// Starts the dispatcher as soon as a change that wrote outbox messages is committed, so emails go out
/// in seconds. Only after commit: a job started earlier could not yet see the rows.
public sealed class OutboxKickInterceptor(IBackgroundJobClient jobs) : AfterCommitInterceptor
{
    protected override bool Concerns(ChangeTracker changes) =>
        changes.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);

    protected override void Committed() => jobs.Enqueue<OutboxDispatcher>(d => d.DispatchDueAsync(CancellationToken.None));
}
