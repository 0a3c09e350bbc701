using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MspasTramite.Core.Data;

public static class TransactionExtensions
{
    /// Runs one unit of work in a database transaction, under the provider's execution strategy.
    /// On PostgreSQL that strategy retries transient failures (EnableRetryOnFailure) and refuses a
    /// transaction begun outside it, so every explicit transaction goes through here. A retry replays
    /// the whole delegate from a clean change tracker: create entities inside it. The delegate commits
    /// or rolls back; a transaction it leaves open is rolled back.
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<IDbContextTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                return await work(transaction).ConfigureAwait(false);
            }
        }, cancellationToken);
    }
}
