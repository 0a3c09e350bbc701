using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Review;

/// The working calendar, read from the Holidays table once and kept until a holiday changes: it
/// was read again for every status page, back-office file and payment, though it changes a few
/// times a year. HolidayChangeInterceptor drops it after any committed change to Holidays made
/// through this host (the administrator's pages, the seed). Another replica learns of an edit when
/// its copy is MaxAge old: the same delay the rest of the service already accepts for a holiday
/// changed after the fact (PerformanceRollup.RecomputeAsync).
public sealed class HolidayCalendar(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private Entry? current;
    private long generation;
    private int loads;

    /// How many times the table was read since start.
    public int Loads => Volatile.Read(ref loads);

    /// The calendar around `now`, as WorkingCalendar.LoadAsync reads it (the window moves with the day).
    public async Task<WorkingCalendar> GetAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = GuatemalaTime.Today(now);
        var readAt = clock.GetUtcNow();
        long seen;
        lock (gate)
        {
            if (current is { } entry && entry.Today == today && readAt >= entry.LoadedAt && readAt - entry.LoadedAt < MaxAge)
            {
                return entry.Calendar;
            }

            seen = generation;
        }

        var calendar = await WorkingCalendar.LoadAsync(db, now, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref loads);
        lock (gate)
        {
            // A change committed while this read ran may be missing from it: use it once, keep it not.
            if (generation == seen)
            {
                current = new Entry(today, calendar, readAt);
            }
        }

        return calendar;
    }

    public void Invalidate()
    {
        lock (gate)
        {
            generation++;
            current = null;
        }
    }

    private sealed record Entry(DateOnly Today, WorkingCalendar Calendar, DateTimeOffset LoadedAt);
}

/// Drops the cached calendar once a change to Holidays is committed (after commit: a reader in
/// between would otherwise cache the old days again).
public sealed class HolidayChangeInterceptor(HolidayCalendar calendar) : ISaveChangesInterceptor, IDbTransactionInterceptor
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
        InvalidateIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A failed save may have written some rows (a removal that found the day gone): drop it anyway.
    public void SaveChangesFailed(DbContextErrorEventData eventData) => InvalidateIfCommitted(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        InvalidateIfCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Invalidate();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Invalidate();
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
        if (context is not null && context.ChangeTracker.Entries<Holiday>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            pending = true;
        }
    }

    private void InvalidateIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction, SaveChanges is not yet the commit.
        if (context?.Database.CurrentTransaction is null)
        {
            Invalidate();
        }
    }

    private void Invalidate()
    {
        if (!pending)
        {
            return;
        }

        pending = false;
        calendar.Invalidate();
    }
}
