using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
public sealed class HolidayChangeInterceptor(HolidayCalendar calendar) : AfterCommitInterceptor
{
    protected override bool Concerns(ChangeTracker changes) =>
        changes.Entries<Holiday>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    protected override void Committed() => calendar.Invalidate();
}
