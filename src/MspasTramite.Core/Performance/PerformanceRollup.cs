using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Performance;

/// Keeps the daily figures (DailyProcedureFigures, DailyDurationCount, DailyFunnelStep) in step with
/// the durable rows. A day is recomputed whole from what happened on it, so running a refresh twice
/// or at the same time on two replicas gives the same rows. Every figure is counted on the day its
/// event happened, so only the last few days can still change: days before `OpenFrom` are final and
/// never read again; a refresh recomputes from there to today. A late webhook or a clock a little off
/// is covered by keeping the last `ReopenDays` open.
public sealed class PerformanceRollup(AppDbContext db, TimeProvider clock, HolidayCalendar holidays, IOptions<PaymentOptions> payments, IOptions<PerformanceOptions> options)
{
    /// Days before today recomputed on every refresh as well.
    public const int ReopenDays = 2;

    /// Days recomputed per pass: a pass reads one bounded slice of each table.
    private const int ChunkDays = 7;

    /// Brings the rollup up to today when it is older than the configured age (the dashboard and the
    /// public page call this before reading, the job every few minutes).
    public async Task EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        var state = await db.Set<PerformanceRollupState>().AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (state is null || clock.GetUtcNow() - state.RefreshedAt >= options.Value.RollupMaxAge)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// The job: recomputes the open days (all days, the first time).
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = GuatemalaTime.Today(now);
        var state = await db.Set<PerformanceRollupState>().AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var from = state?.OpenFrom ?? await FirstDayAsync(today, cancellationToken).ConfigureAwait(false);
        await RecomputeAsync(from, today, cancellationToken).ConfigureAwait(false);
        await CountOpenFilesAsync(today, cancellationToken).ConfigureAwait(false);
        await SaveStateAsync(today.AddDays(-ReopenDays), now, cancellationToken).ConfigureAwait(false);
    }

    /// A holiday added or removed after the fact changes the working days of every file decided since:
    /// the next refresh (the job, or the next page that reads the figures) recomputes from that day.
    /// Only moves the open window back, never forward; nothing to do before the first refresh.
    public async Task ReopenFromAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        if (day > GuatemalaTime.Today(clock.GetUtcNow()))
        {
            return;
        }

        await db.Set<PerformanceRollupState>().Where(s => s.OpenFrom > day)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OpenFrom, day), cancellationToken).ConfigureAwait(false);
    }

    /// Recomputes the given days (inclusive), whatever the state says: for a holiday added after the
    /// fact, a backfill, the benchmark's seed.
    public async Task RecomputeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            return;
        }

        var calendar = await holidays.GetAsync(db, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        for (var start = from; start <= to; start = start.AddDays(ChunkDays))
        {
            var end = start.AddDays(ChunkDays - 1) < to ? start.AddDays(ChunkDays - 1) : to;
            var slice = await ComputeAsync(start, end, calendar, cancellationToken).ConfigureAwait(false);
            await ReplaceAsync(start, end, slice, cancellationToken).ConfigureAwait(false);
            await DurationHistograms.RollUpMonthsAsync(db, start, end, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CountOpenFilesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var open = ApplicationStatus.Open;
        var counts = await db.Applications.AsNoTracking()
            .Where(a => open.Contains(a.Status))
            .GroupBy(a => new { a.ProcedureVersion.ProcedureId, a.Status })
            .Select(g => new OpenFilesCount
            {
                ProcedureId = g.Key.ProcedureId,
                Status = g.Key.Status,
                Count = g.Count(),
                Overdue = g.Count(a => a.ClockStoppedAt == null && a.SlaDueOn < today),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await RollupWrites.ReplaceAsync(db, ct => db.Set<OpenFilesCount>().ExecuteDeleteAsync(ct), counts, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateOnly> FirstDayAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var first = await db.Applications.AsNoTracking().OrderBy(a => a.CreatedAt).Select(a => (DateTimeOffset?)a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return first is { } at ? GuatemalaTime.Today(at) : today;
    }

    private async Task SaveStateAsync(DateOnly openFrom, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.Set<PerformanceRollupState>()
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.OpenFrom, openFrom).SetProperty(x => x.RefreshedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            try
            {
                db.Add(new PerformanceRollupState { OpenFrom = openFrom, RefreshedAt = now });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another refresh wrote the first state at the same moment: its row says the same.
                db.ChangeTracker.Clear();
            }
        }
    }

    private sealed record Slice(List<DailyProcedureFigures> Figures, List<DailyDurationCount> Durations, List<DailyFunnelStep> Funnel);

    private Task ReplaceAsync(DateOnly from, DateOnly to, Slice slice, CancellationToken cancellationToken) =>
        RollupWrites.ReplaceAsync(db, async ct =>
        {
            await db.Set<DailyProcedureFigures>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.Set<DailyDurationCount>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.Set<DailyFunnelStep>().Where(f => f.Day >= from && f.Day <= to).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }, [.. slice.Figures, .. slice.Durations, .. slice.Funnel], cancellationToken);

    private async Task<Slice> ComputeAsync(DateOnly fromDay, DateOnly toDay, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var start = GuatemalaTime.StartOf(fromDay);
        var end = GuatemalaTime.StartOf(toDay.AddDays(1));
        var figures = new Dictionary<(DateOnly, Guid), DailyProcedureFigures>();
        DailyProcedureFigures Row(DateTimeOffset at, Guid procedureId)
        {
            var key = (GuatemalaTime.Today(at), procedureId);
            if (!figures.TryGetValue(key, out var row))
            {
                figures[key] = row = new DailyProcedureFigures { Day = key.Item1, ProcedureId = procedureId };
            }

            return row;
        }

        var apps = db.Applications.AsNoTracking();
        foreach (var a in await apps.Where(a => a.CreatedAt >= start && a.CreatedAt < end)
                     .Select(a => new { a.ProcedureVersion.ProcedureId, a.CreatedAt }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            Row(a.CreatedAt, a.ProcedureId).Started++;
        }

        foreach (var a in await apps.Where(a => a.SubmittedAt >= start && a.SubmittedAt < end)
                     .Select(a => new { a.ProcedureVersion.ProcedureId, SubmittedAt = a.SubmittedAt!.Value }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            Row(a.SubmittedAt, a.ProcedureId).Submitted++;
        }

        await AddPaymentsAsync(start, end, Row, cancellationToken).ConfigureAwait(false);
        var durations = new Dictionary<(DateOnly, Guid, string, int), int>();
        void Count(DateTimeOffset at, Guid procedureId, string measure, int value)
        {
            var key = (GuatemalaTime.Today(at), procedureId, measure, value);
            durations[key] = durations.GetValueOrDefault(key) + 1;
        }

        await AddDecisionsAsync(start, end, calendar, Row, Count, cancellationToken).ConfigureAwait(false);
        await AddStateDwellAsync(start, end, Count, cancellationToken).ConfigureAwait(false);

        foreach (var s in await db.SurveyResponses.AsNoTracking().Where(s => s.AnsweredAt >= start && s.AnsweredAt < end)
                     .Select(s => new { s.ProcedureId, s.AnsweredAt, s.Rating }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = Row(s.AnsweredAt, s.ProcedureId);
            if (s.Rating is { } rating)
            {
                row.SurveyAnswers++;
                row.SurveySatisfied += rating >= SatisfiedRating ? 1 : 0;
            }
            else
            {
                row.SurveySkips++;
            }
        }

        var funnel = new Dictionary<(DateOnly, Guid, string), DailyFunnelStep>();
        foreach (var e in await db.FormStepEvents.AsNoTracking().Where(e => e.At >= start && e.At < end)
                     .Select(e => new { e.ProcedureId, e.Step, e.Kind, e.At }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (GuatemalaTime.Today(e.At), e.ProcedureId, e.Step);
            if (!funnel.TryGetValue(key, out var step))
            {
                funnel[key] = step = new DailyFunnelStep { Day = key.Item1, ProcedureId = e.ProcedureId, Step = e.Step };
            }

            if (e.Kind == FormStepEventKind.Reached)
            {
                step.Reached++;
            }
            else
            {
                step.Saved++;
            }
        }

        return new Slice(
            [.. figures.Values],
            [.. durations.Select(d => new DailyDurationCount { Day = d.Key.Item1, ProcedureId = d.Key.Item2, Measure = d.Key.Item3, Value = d.Key.Item4, Count = d.Value })],
            [.. funnel.Values]);
    }

    /// A rating of 4 or 5 out of 5 counts as satisfied (the GOV.UK measure).
    public const int SatisfiedRating = 4;

    private async Task AddPaymentsAsync(DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, Guid, DailyProcedureFigures> row, CancellationToken cancellationToken)
    {
        var fees = payments.Value;
        // Money that reached the gateway: paid, a wrong amount, a second payment. Each costs its fee.
        var settled = await db.PaymentAttempts.AsNoTracking()
            .Where(p => p.PaidAt >= start && p.PaidAt < end && (p.Status == PaymentStatus.Paid || p.Status == PaymentStatus.Mismatch || p.Status == PaymentStatus.Duplicate))
            .Join(db.Applications, p => p.ApplicationId, a => a.Id, (p, a) => new { a.ProcedureVersion.ProcedureId, p.Status, p.Amount, p.GatewayFee, PaidAt = p.PaidAt!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var p in settled)
        {
            var figures = row(p.PaidAt, p.ProcedureId);
            figures.GatewayFees += p.GatewayFee ?? GatewayFees.Estimate(p.Amount, fees);
            switch (p.Status)
            {
                case PaymentStatus.Paid:
                    figures.Paid++;
                    figures.Revenue += p.Amount;
                    break;
                case PaymentStatus.Mismatch:
                    figures.MismatchedPayments++;
                    break;
                default:
                    figures.DuplicatePayments++;
                    break;
            }
        }

        var expired = await db.PaymentAttempts.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Expired && p.CreatedAt >= start && p.CreatedAt < end)
            .Join(db.Applications, p => p.ApplicationId, a => a.Id, (p, a) => new { a.ProcedureVersion.ProcedureId, p.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var p in expired)
        {
            row(p.CreatedAt, p.ProcedureId).ExpiredAttempts++;
        }

        var refunds = await db.Refunds.AsNoTracking().Where(r => r.CreatedAt >= start && r.CreatedAt < end)
            .Join(db.PaymentAttempts, r => r.PaymentAttemptId, p => p.Id, (r, p) => new { r.Amount, r.CreatedAt, p.ApplicationId })
            .Join(db.Applications, r => r.ApplicationId, a => a.Id, (r, a) => new { a.ProcedureVersion.ProcedureId, r.Amount, r.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var r in refunds)
        {
            var figures = row(r.CreatedAt, r.ProcedureId);
            figures.Refunds++;
            figures.RefundedAmount += r.Amount;
        }
    }

    private async Task AddDecisionsAsync(
        DateTimeOffset start, DateTimeOffset end, WorkingCalendar calendar,
        Func<DateTimeOffset, Guid, DailyProcedureFigures> row, Action<DateTimeOffset, Guid, string, int> count, CancellationToken cancellationToken)
    {
        var decidedQuery = db.Applications.AsNoTracking()
            .Where(a => a.DecidedAt >= start && a.DecidedAt < end && (a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Rejected));
        var decided = await decidedQuery
            .Select(a => new
            {
                a.Id,
                a.ProcedureVersion.ProcedureId,
                a.Status,
                a.ReceivedAt,
                DecidedAt = a.DecidedAt!.Value,
                a.SlaDueOn,
                CorrectionAskedAt = a.CorrectionRequest != null ? (DateTimeOffset?)a.CorrectionRequest.RequestedAt : null,
                CorrectionAnsweredAt = a.CorrectionRequest != null ? a.CorrectionRequest.AnsweredAt : null,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (decided.Count == 0)
        {
            return;
        }

        var claims = await db.ApplicationEvents.AsNoTracking()
            .Where(e => (e.Kind == ClaimedEvent || e.Kind == AssignedEvent) && decidedQuery.Select(a => a.Id).Contains(e.ApplicationId))
            .GroupBy(e => e.ApplicationId)
            .Select(g => new { ApplicationId = g.Key, At = g.Min(e => e.At) })
            .ToDictionaryAsync(c => c.ApplicationId, c => c.At, cancellationToken).ConfigureAwait(false);
        var hours = options.Value;
        foreach (var a in decided)
        {
            var figures = row(a.DecidedAt, a.ProcedureId);
            if (a.Status == ApplicationStatus.Approved)
            {
                figures.Approved++;
            }
            else
            {
                figures.Rejected++;
            }

            var decidedOn = GuatemalaTime.Today(a.DecidedAt);
            if (a.SlaDueOn is { } due && decidedOn <= due)
            {
                figures.DecidedInTime++;
            }

            if (a.ReceivedAt is { } received)
            {
                var days = calendar.WorkingDaysBetween(GuatemalaTime.Today(received), decidedOn);
                if (a.CorrectionAskedAt is { } asked)
                {
                    // The clock stood still while the file waited for the citizen, as LegalClock counts it.
                    days -= calendar.WorkingDaysBetween(GuatemalaTime.Today(asked), GuatemalaTime.Today(a.CorrectionAnsweredAt ?? a.DecidedAt));
                }

                count(a.DecidedAt, a.ProcedureId, DailyDurationCount.Processing, Math.Max(0, days));
            }

            if (claims.TryGetValue(a.Id, out var claimed))
            {
                var minutes = OfficeTime.Minutes(claimed, a.DecidedAt, calendar, hours);
                if (a.CorrectionAskedAt is { } asked && asked >= claimed)
                {
                    minutes -= OfficeTime.Minutes(asked, a.CorrectionAnsweredAt ?? a.DecidedAt, calendar, hours);
                }

                figures.OfficerMinutes += Math.Max(0, minutes);
                figures.OfficerFiles++;
            }
        }
    }

    private const string ClaimedEvent = "claimed";
    private const string AssignedEvent = "assigned";

    /// Time in each state, counted on the day the file left it: from the history line that brought
    /// the file into the state to the one that took it out.
    private async Task AddStateDwellAsync(DateTimeOffset start, DateTimeOffset end, Action<DateTimeOffset, Guid, string, int> count, CancellationToken cancellationToken)
    {
        var exits = db.ApplicationEvents.AsNoTracking()
            .Where(e => e.At >= start && e.At < end && e.FromStatus != null && e.ToStatus != null && e.FromStatus != e.ToStatus);
        var history = await db.ApplicationEvents.AsNoTracking()
            .Where(e => e.At < end && e.ToStatus != null && exits.Select(x => x.ApplicationId).Contains(e.ApplicationId))
            .Join(db.Applications, e => e.ApplicationId, a => a.Id, (e, a) => new { e.ApplicationId, a.ProcedureVersion.ProcedureId, e.At, e.FromStatus, e.ToStatus })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var file in history.GroupBy(e => e.ApplicationId))
        {
            DateTimeOffset? enteredAt = null;
            string? state = null;
            foreach (var e in file.OrderBy(e => e.At))
            {
                if (state is not null && e.FromStatus == state && e.ToStatus != state && enteredAt is { } entered && e.At >= start)
                {
                    count(e.At, e.ProcedureId, state, DurationHistograms.DwellBucket((e.At - entered).TotalHours));
                }

                if (e.ToStatus != state)
                {
                    state = e.ToStatus;
                    enteredAt = e.At;
                }
            }
        }
    }
}
