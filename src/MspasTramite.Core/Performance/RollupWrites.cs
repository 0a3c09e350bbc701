using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Performance;

/// How the rollup writes: rows derived from the durable tables replace the old ones in one
/// transaction. Two refreshes of the same days at once (two replicas) compute the same rows, so the
/// one that loses on the primary key (PostgreSQL lets both deletes pass) has nothing to add.
internal static class RollupWrites
{
    public static async Task ReplaceAsync(AppDbContext db, Func<CancellationToken, Task> deleteOld, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        try
        {
            await db.InTransactionAsync(async transaction =>
            {
                await deleteOld(cancellationToken).ConfigureAwait(false);
                db.AddRange(rows);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The other refresh's rows are the ones these would have been.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
