using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Performance;

/// Reads a period's duration histograms, summed in the database: whole months from
/// MonthlyDurationCount, the days at the ragged edges from DailyDurationCount. Either way at most a
/// month of daily rows is read, so a year costs about what a month does (infra/bench/REPORT.md).
public static class DurationHistograms
{
    /// Whole hours up to two days, then whole days (in hours): time in a state is read to the hour
    /// while it is short and to the day once it is long, which keeps a histogram at a few hundred
    /// values however many files it counts.
    public const int HourlyUpTo = 48;

    public static int DwellBucket(double hours)
    {
        var whole = (int)Math.Floor(Math.Max(0, hours));
        return whole < HourlyUpTo ? whole : whole / 24 * 24;
    }

    public sealed record Bucket(Guid ProcedureId, string Measure, int Value, int Count);

    /// The months wholly inside the period, and the periods of days left over at either end.
    public static (IReadOnlyList<DateOnly> Months, IReadOnlyList<KpiPeriod> Edges) Split(KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var months = new List<DateOnly>();
        var edges = new List<KpiPeriod>();
        var firstWhole = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var afterLastWhole = new DateOnly(period.To.Year, period.To.Month, 1);
        if (period.To == afterLastWhole.AddMonths(1).AddDays(-1))
        {
            afterLastWhole = afterLastWhole.AddMonths(1);
        }

        if (firstWhole >= afterLastWhole)
        {
            return ([], [period]);
        }

        for (var m = firstWhole; m < afterLastWhole; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        if (period.From < firstWhole)
        {
            edges.Add(new KpiPeriod(period.From, firstWhole.AddDays(-1)));
        }

        if (afterLastWhole <= period.To)
        {
            edges.Add(new KpiPeriod(afterLastWhole, period.To));
        }

        return (months, edges);
    }

    public static async Task<IReadOnlyList<Bucket>> ReadAsync(AppDbContext db, KpiPeriod period, Guid? procedureId, string? measure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (months, edges) = Split(period);
        var buckets = new List<Bucket>();
        if (months.Count > 0)
        {
            var first = months[0];
            var last = months[^1];
            buckets.AddRange(await db.Set<MonthlyDurationCount>().AsNoTracking()
                .Where(d => d.Month >= first && d.Month <= last && (procedureId == null || d.ProcedureId == procedureId) && (measure == null || d.Measure == measure))
                .GroupBy(d => new { d.ProcedureId, d.Measure, d.Value })
                .Select(g => new Bucket(g.Key.ProcedureId, g.Key.Measure, g.Key.Value, g.Sum(d => d.Count)))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        foreach (var edge in edges)
        {
            buckets.AddRange(await db.Set<DailyDurationCount>().AsNoTracking()
                .Where(d => d.Day >= edge.From && d.Day <= edge.To && (procedureId == null || d.ProcedureId == procedureId) && (measure == null || d.Measure == measure))
                .GroupBy(d => new { d.ProcedureId, d.Measure, d.Value })
                .Select(g => new Bucket(g.Key.ProcedureId, g.Key.Measure, g.Key.Value, g.Sum(d => d.Count)))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return buckets;
    }

    /// Sums the given days' histograms into their months; called by the rollup after it replaced days.
    public static async Task RollUpMonthsAsync(AppDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var start = month;
            var end = month.AddMonths(1).AddDays(-1);
            var sums = await db.Set<DailyDurationCount>().AsNoTracking()
                .Where(d => d.Day >= start && d.Day <= end)
                .GroupBy(d => new { d.ProcedureId, d.Measure, d.Value })
                .Select(g => new MonthlyDurationCount { Month = start, ProcedureId = g.Key.ProcedureId, Measure = g.Key.Measure, Value = g.Key.Value, Count = g.Sum(d => d.Count) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            await RollupWrites.ReplaceAsync(db, ct => db.Set<MonthlyDurationCount>().Where(d => d.Month == start).ExecuteDeleteAsync(ct), sums, cancellationToken).ConfigureAwait(false);
        }
    }
}
