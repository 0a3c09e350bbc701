using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Review;

/// Fires the workflow's durable timers. The rows are the truth: a sweep that is lost, or a process
/// that dies half way, leaves the timer unfired, and the next sweep (every minute, and once at
/// start-up) fires it. A timer is marked fired in the same transaction as its effect, by an UPDATE
/// that only one sweep can win, so each fires exactly once.
public sealed class TimerService(AppDbContext db, ReviewService review, TimeProvider clock, ILogger<TimerService> logger)
{
    private const int BatchSize = 200;

    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.WorkflowTimers.AsNoTracking()
            .Where(t => t.FiredAt == null && t.CancelledAt == null && t.DueAt <= now && (t.RetryAt == null || t.RetryAt <= now))
            .OrderBy(t => t.DueAt)
            .Select(t => t.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var fired = 0;
        foreach (var id in due)
        {
            if (await FireOneAsync(id, cancellationToken).ConfigureAwait(false))
            {
                fired++;
            }
        }

        return fired;
    }

    public async Task<bool> FireOneAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async transaction =>
            {
                var claimed = await db.WorkflowTimers
                    .Where(t => t.Id == id && t.FiredAt == null && t.CancelledAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.FiredAt, now), cancellationToken).ConfigureAwait(false);
                if (claimed == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }

                var timer = await db.WorkflowTimers.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
                await review.ApplyTimerAsync(timer, now, cancellationToken).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Timer {TimerId} ({Kind}) fired for application {ApplicationId}", id, timer.Kind, timer.ApplicationId);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept, retried later with backoff, and visible with its error: a timer never silently stops.
            db.ChangeTracker.Clear();
            logger.LogError(e, "Timer {TimerId} failed; it will be retried", id);
            var attempts = await db.WorkflowTimers.Where(t => t.Id == id).Select(t => t.Attempts).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var retryAt = now.AddMinutes(Math.Min(60, Math.Pow(2, attempts)));
            var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            await db.WorkflowTimers.Where(t => t.Id == id && t.FiredAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.RetryAt, retryAt)
                    .SetProperty(t => t.LastError, error), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }
}
