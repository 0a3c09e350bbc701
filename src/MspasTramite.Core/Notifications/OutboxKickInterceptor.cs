using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Core.Notifications;

/// Starts the dispatcher as soon as a change that wrote outbox messages is committed, so emails go out
/// in seconds. Only after commit: a job started earlier could not yet see the rows.
public sealed class OutboxKickInterceptor(IBackgroundJobClient jobs) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool pending;

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        KickIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        KickIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Kick();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Kick();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending = false;
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            pending = true;
        }
    }

    private void KickIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction, SaveChanges is not yet the commit.
        if (context?.Database.CurrentTransaction is null)
        {
            Kick();
        }
    }

    private void Kick()
    {
        if (!pending)
        {
            return;
        }

        pending = false;
        jobs.Enqueue<OutboxDispatcher>(d => d.DispatchDueAsync(CancellationToken.None));
    }
}
