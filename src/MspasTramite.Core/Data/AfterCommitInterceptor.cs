using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MspasTramite.Core.Data;

/// Runs something once a save that touched the rows it cares about is committed: the outbox's kick,
/// a cache's drop. Only after commit: a job or a reader in between would otherwise see, or cache
/// again, the rows as they were. Inside an explicit transaction SaveChanges is not yet the commit;
/// the transaction's commit is. A rolled-back transaction runs nothing. A failed save runs it anyway
/// (it may have written some rows; running it for nothing costs one more read).
///
/// One instance per DbContext (scoped); every registered one is added to the context's interceptors.
public abstract class AfterCommitInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool pending;

    /// Whether the changes about to be saved concern this interceptor.
    protected abstract bool Concerns(ChangeTracker changes);

    /// What to do once those changes are committed.
    protected abstract void Committed();

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
        RunIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RunIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => RunIfCommitted(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RunIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Run();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run();
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
        if (context is not null && Concerns(context.ChangeTracker))
        {
            pending = true;
        }
    }

    private void RunIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Run();
        }
    }

    private void Run()
    {
        if (!pending)
        {
            return;
        }

        pending = false;
        Committed();
    }
}
