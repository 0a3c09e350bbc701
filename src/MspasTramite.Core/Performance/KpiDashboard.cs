using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Performance;

/// A range of Guatemala days, both ends included.
public sealed record KpiPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// The period just before this one, to compare with: as many whole months when this one is whole
    /// months (October against September, a quarter against the one before, 2025 against the whole of
    /// 2024, leap day included), otherwise the same number of days.
    public KpiPeriod Previous
    {
        get
        {
            if (From.Day == 1 && To.AddDays(1).Day == 1)
            {
                var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
                return new(From.AddMonths(-months), From.AddDays(-1));
            }

            return new(From.AddDays(-Days), From.AddDays(-1));
        }
    }

    public static KpiPeriod Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static KpiPeriod Quarter(int year, int quarter) =>
        new(new DateOnly(year, ((quarter - 1) * 3) + 1, 1), new DateOnly(year, ((quarter - 1) * 3) + 1, 1).AddMonths(3).AddDays(-1));

    public static KpiPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}

/// The figures of one period, for one procedure or all. Rates are null when their denominator is 0.
public sealed record KpiFigures
{
    public int Started { get; init; }
    public int Submitted { get; init; }
    public int Paid { get; init; }
    public decimal Revenue { get; init; }
    public decimal GatewayFees { get; init; }
    public int ExpiredAttempts { get; init; }
    public int MismatchedPayments { get; init; }
    public int DuplicatePayments { get; init; }
    public int Refunds { get; init; }
    public decimal RefundedAmount { get; init; }
    public int Approved { get; init; }
    public int Rejected { get; init; }
    public int DecidedInTime { get; init; }
    public long OfficerMinutes { get; init; }
    public int OfficerFiles { get; init; }
    public int SurveyAnswers { get; init; }
    public int SurveySatisfied { get; init; }
    public int SurveySkips { get; init; }

    /// Applications made at the windows or on paper, from the monthly volumes (a month only partly in
    /// the period counts for the share of its days inside it).
    public decimal NonDigital { get; init; }

    /// True when some month of the period has no non-digital volume entered: take-up is then unknown.
    public bool NonDigitalMissing { get; init; }

    /// The operating cost for the period (months pro rata; for one procedure, its share of the paid
    /// transactions); null when a month of the period has no cost entered.
    public decimal? OperatingCost { get; init; }

    public int? ProcessingMedian { get; init; }
    public int? ProcessingP90 { get; init; }

    public int Decided => Approved + Rejected;

    public decimal? CompletionRate => Ratio(Paid, Started);
    public decimal? SubmissionRate => Ratio(Submitted, Started);
    public decimal? DigitalTakeUp => NonDigitalMissing ? null : Ratio(Submitted, Submitted + NonDigital);
    public decimal? Satisfaction => Ratio(SurveySatisfied, SurveyAnswers);
    public decimal? InTimeShare => Ratio(DecidedInTime, Decided);

    /// (Operating cost + gateway fees) ÷ paid transactions.
    public decimal? CostPerTransaction => OperatingCost is { } cost && Paid > 0 ? Math.Round((cost + GatewayFees) / Paid, 2, MidpointRounding.AwayFromZero) : null;

    public decimal? GatewayFeePerTransaction => Paid > 0 ? Math.Round(GatewayFees / Paid, 2, MidpointRounding.AwayFromZero) : null;

    public decimal? OfficerHoursPerFile => OfficerFiles > 0 ? Math.Round(OfficerMinutes / 60m / OfficerFiles, 1, MidpointRounding.AwayFromZero) : null;

    internal static decimal? Ratio(decimal part, decimal whole) => whole > 0 ? part / whole : null;
}

public sealed record PromiseRow(Guid ProcedureId, string Procedure, int LegalTimeDays, LegalTimeUnit LegalTimeUnit, int Decided, int? Median, int? P90, decimal? InTimeShare, int OverdueNow);

public sealed record StateWait(string State, int Exited, int? MedianHours, int? P90Hours, int OpenNow);

public sealed record FunnelRow(string Step, int Reached, int Saved, int? LeftHere, decimal? DropOff);

public sealed record PaymentDay(DateOnly Day, int Paid, decimal Revenue, int ExpiredAttempts, int MismatchedPayments, int DuplicatePayments, int Refunds, decimal RefundedAmount);

public sealed record SurveyComment(DateOnly Day, string Procedure, int Rating, string Text);

public sealed record ProcedureChoice(Guid Id, string Slug, string Name);

public sealed record KpiReport(
    KpiPeriod Period,
    Guid? ProcedureId,
    KpiFigures Current,
    KpiFigures Previous,
    decimal OfficerHourlyCost,
    IReadOnlyList<PromiseRow> Promise,
    IReadOnlyList<StateWait> Waits,
    IReadOnlyList<FunnelRow> Funnel,
    IReadOnlyList<PaymentDay> Payments,
    IReadOnlyList<SurveyComment> Comments,
    DateTimeOffset? RefreshedAt)
{
    /// Office time per file times the configured hourly cost: the officer component of a transaction.
    public decimal? OfficerCostPerFile(KpiFigures figures) =>
        figures?.OfficerHoursPerFile is { } hours ? Math.Round(hours * OfficerHourlyCost, 2, MidpointRounding.AwayFromZero) : null;
}

/// The product manager's figures for a period, read from the daily rollup (PerformanceRollup) and the
/// product manager's own monthly inputs; never from the whole applications table.
public sealed partial class KpiDashboard(AppDbContext db, PerformanceRollup rollup, IOptions<PerformanceOptions> options)
{
    /// The steps of the form in the order a person meets them (FormFunnel.StepCode).
    public static IReadOnlyList<string> FunnelSteps { get; } = ["applicant", "establishment", "professional", "category", "documents", "review"];

    public const int CommentsShown = 30;

    public async Task<IReadOnlyList<ProcedureChoice>> ProceduresAsync(CancellationToken cancellationToken = default) =>
        await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.Name)
            .Select(v => new ProcedureChoice(v.ProcedureId, v.Procedure.Slug, v.Name))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<KpiReport> LoadAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await rollup.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        var procedures = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published && (procedureId == null || v.ProcedureId == procedureId))
            .Select(v => new { v.ProcedureId, v.Name, v.LegalTimeDays, v.LegalTimeUnit })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // The period's days are read once: for its figures and for the per-procedure and per-day tables.
        var days = await DaysAsync(period, procedureId, cancellationToken).ConfigureAwait(false);
        var current = await FiguresAsync(period, procedureId, days, cancellationToken).ConfigureAwait(false);
        var previous = await FiguresAsync(period.Previous, procedureId, cancellationToken).ConfigureAwait(false);

        var processing = await DurationsAsync(period, procedureId, cancellationToken).ConfigureAwait(false);
        var open = await db.Set<OpenFilesCount>().AsNoTracking()
            .Where(c => procedureId == null || c.ProcedureId == procedureId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var promise = procedures.Select(p =>
        {
            var mine = days.Where(d => d.ProcedureId == p.ProcedureId).ToList();
            var decided = mine.Sum(d => d.Approved + d.Rejected);
            var histogram = Histogram(processing.Where(d => d.ProcedureId == p.ProcedureId && d.Measure == DailyDurationCount.Processing));
            return new PromiseRow(
                p.ProcedureId, p.Name, p.LegalTimeDays, p.LegalTimeUnit, decided,
                Percentile(histogram, 0.5), Percentile(histogram, 0.9),
                KpiFigures.Ratio(mine.Sum(d => d.DecidedInTime), decided),
                open.Where(c => c.ProcedureId == p.ProcedureId).Sum(c => c.Overdue));
        }).ToList();

        var waits = ApplicationStatus.All
            .Where(s => s != ApplicationStatus.Draft && !ApplicationStatus.IsFinal(s))
            .Select(state =>
            {
                var histogram = Histogram(processing.Where(d => d.Measure == state));
                return new StateWait(state, histogram.Sum(h => h.Count), Percentile(histogram, 0.5), Percentile(histogram, 0.9),
                    open.Where(c => c.Status == state).Sum(c => c.Count));
            }).ToList();

        var payments = days.GroupBy(d => d.Day).OrderBy(g => g.Key)
            .Select(g => new PaymentDay(g.Key, g.Sum(d => d.Paid), g.Sum(d => d.Revenue), g.Sum(d => d.ExpiredAttempts),
                g.Sum(d => d.MismatchedPayments), g.Sum(d => d.DuplicatePayments), g.Sum(d => d.Refunds), g.Sum(d => d.RefundedAmount)))
            .Where(d => d.Paid + d.ExpiredAttempts + d.MismatchedPayments + d.DuplicatePayments + d.Refunds > 0)
            .ToList();

        var funnel = await FunnelAsync(period, procedureId, cancellationToken).ConfigureAwait(false);
        var comments = await CommentsAsync(period, procedureId, cancellationToken).ConfigureAwait(false);
        var refreshed = await db.Set<PerformanceRollupState>().AsNoTracking().Select(s => (DateTimeOffset?)s.RefreshedAt)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new KpiReport(period, procedureId, current, previous, options.Value.OfficerHourlyCost, promise, waits, funnel, payments, comments, refreshed);
    }

    private Task<List<DailyProcedureFigures>> DaysAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken) =>
        db.Set<DailyProcedureFigures>().AsNoTracking()
            .Where(d => d.Day >= period.From && d.Day <= period.To && (procedureId == null || d.ProcedureId == procedureId))
            .ToListAsync(cancellationToken);

    private static IEnumerable<DailyDurationCount> AsRows(IEnumerable<DurationHistograms.Bucket> buckets) =>
        buckets.Select(b => new DailyDurationCount { ProcedureId = b.ProcedureId, Measure = b.Measure, Value = b.Value, Count = b.Count });

    private async Task<List<DailyDurationCount>> DurationsAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken) =>
        [.. AsRows(await DurationHistograms.ReadAsync(db, period, procedureId, null, cancellationToken).ConfigureAwait(false))];

    /// The period's figures: the sum of its days, the monthly inputs pro rata, the processing times.
    public async Task<KpiFigures> FiguresAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        return await FiguresAsync(period, procedureId, await DaysAsync(period, procedureId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<KpiFigures> FiguresAsync(KpiPeriod period, Guid? procedureId, List<DailyProcedureFigures> days, CancellationToken cancellationToken)
    {
        var inPeriod = db.Set<DailyProcedureFigures>().AsNoTracking().Where(d => d.Day >= period.From && d.Day <= period.To);
        var histogram = Histogram(AsRows(await DurationHistograms.ReadAsync(db, period, procedureId, DailyDurationCount.Processing, cancellationToken).ConfigureAwait(false)));

        var months = MonthsOf(period);
        var firstMonth = months[0].Month;
        var lastMonth = months[^1].Month;
        var volumes = await db.NonDigitalVolumes.AsNoTracking()
            .Where(v => v.Month >= firstMonth && v.Month <= lastMonth && (procedureId == null || v.ProcedureId == procedureId))
            .Select(v => new { v.ProcedureId, v.Month, v.Count })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var procedureIds = procedureId is { } one
            ? [one]
            : await db.ProcedureVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).Select(v => v.ProcedureId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var costs = await db.OperatingCosts.AsNoTracking().Where(c => c.Month >= firstMonth && c.Month <= lastMonth)
            .ToDictionaryAsync(c => c.Month, c => c.Amount, cancellationToken).ConfigureAwait(false);

        var paid = days.Sum(d => d.Paid);
        decimal? operatingCost = months.All(m => costs.ContainsKey(m.Month)) ? months.Sum(m => costs[m.Month] * m.Share) : null;
        if (procedureId is not null && operatingCost is { } total)
        {
            // One operating cost runs the whole service: a procedure bears the share of the paid
            // transactions that are its own.
            var allPaid = await inPeriod.SumAsync(d => d.Paid, cancellationToken).ConfigureAwait(false);
            operatingCost = allPaid > 0 ? total * paid / allPaid : total;
        }

        return new KpiFigures
        {
            Started = days.Sum(d => d.Started),
            Submitted = days.Sum(d => d.Submitted),
            Paid = paid,
            Revenue = days.Sum(d => d.Revenue),
            GatewayFees = days.Sum(d => d.GatewayFees),
            ExpiredAttempts = days.Sum(d => d.ExpiredAttempts),
            MismatchedPayments = days.Sum(d => d.MismatchedPayments),
            DuplicatePayments = days.Sum(d => d.DuplicatePayments),
            Refunds = days.Sum(d => d.Refunds),
            RefundedAmount = days.Sum(d => d.RefundedAmount),
            Approved = days.Sum(d => d.Approved),
            Rejected = days.Sum(d => d.Rejected),
            DecidedInTime = days.Sum(d => d.DecidedInTime),
            OfficerMinutes = days.Sum(d => d.OfficerMinutes),
            OfficerFiles = days.Sum(d => d.OfficerFiles),
            SurveyAnswers = days.Sum(d => d.SurveyAnswers),
            SurveySatisfied = days.Sum(d => d.SurveySatisfied),
            SurveySkips = days.Sum(d => d.SurveySkips),
            NonDigital = months.Sum(m => volumes.Where(v => v.Month == m.Month).Sum(v => v.Count) * m.Share),
            NonDigitalMissing = months.Any(m => procedureIds.Any(p => !volumes.Any(v => v.Month == m.Month && v.ProcedureId == p))),
            OperatingCost = operatingCost is { } c ? Math.Round(c, 2, MidpointRounding.AwayFromZero) : null,
            ProcessingMedian = Percentile(histogram, 0.5),
            ProcessingP90 = Percentile(histogram, 0.9),
        };
    }

    /// The months a period touches, each with the share of its days inside the period.
    public static IReadOnlyList<(DateOnly Month, decimal Share)> MonthsOf(KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var months = new List<(DateOnly, decimal)>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var from = period.From > month ? period.From : month;
            var to = period.To < last ? period.To : last;
            months.Add((month, (decimal)(to.DayNumber - from.DayNumber + 1) / (last.DayNumber - month.DayNumber + 1)));
        }

        return months;
    }

    private async Task<IReadOnlyList<FunnelRow>> FunnelAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken)
    {
        var steps = await db.Set<DailyFunnelStep>().AsNoTracking()
            .Where(s => s.Day >= period.From && s.Day <= period.To && (procedureId == null || s.ProcedureId == procedureId))
            .GroupBy(s => s.Step)
            .Select(g => new { Step = g.Key, Reached = g.Sum(s => s.Reached), Saved = g.Sum(s => s.Saved) })
            .ToDictionaryAsync(s => s.Step, cancellationToken).ConfigureAwait(false);
        var rows = new List<FunnelRow>();
        for (var i = 0; i < FunnelSteps.Count; i++)
        {
            var here = steps.GetValueOrDefault(FunnelSteps[i]);
            var reached = here?.Reached ?? 0;
            // Not every procedure has every step (no professional, no category): the next step is the
            // next one some application reached.
            var next = FunnelSteps.Skip(i + 1).Select(s => steps.GetValueOrDefault(s)).FirstOrDefault(s => s is { Reached: > 0 });
            int? left = i == FunnelSteps.Count - 1 || reached == 0 ? null : Math.Max(0, reached - (next?.Reached ?? 0));
            rows.Add(new FunnelRow(FunnelSteps[i], reached, here?.Saved ?? 0, left, left is { } l ? KpiFigures.Ratio(l, reached) : null));
        }

        return rows;
    }

    private async Task<IReadOnlyList<SurveyComment>> CommentsAsync(KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken)
    {
        var start = GuatemalaTime.StartOf(period.From);
        var end = GuatemalaTime.StartOf(period.To.AddDays(1));
        var comments = await db.SurveyResponses.AsNoTracking()
            .Where(s => s.AnsweredAt >= start && s.AnsweredAt < end && s.Comment != null && s.Rating != null && (procedureId == null || s.ProcedureId == procedureId))
            .OrderByDescending(s => s.AnsweredAt)
            .Take(CommentsShown)
            .Select(s => new { s.AnsweredAt, s.ProcedureId, Rating = s.Rating!.Value, Comment = s.Comment! })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = await db.ProcedureVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .ToDictionaryAsync(v => v.ProcedureId, v => v.Name, cancellationToken).ConfigureAwait(false);
        return [.. comments.Select(c => new SurveyComment(GuatemalaTime.Today(c.AnsweredAt), names.GetValueOrDefault(c.ProcedureId, ""), c.Rating, Anonymise(c.Comment)))];
    }

    /// A comment is shown without what would point to a person or a file: e-mail addresses, file and
    /// licence numbers, and any run of six or more digits (a CUI, a NIT, a telephone number).
    public static string Anonymise(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var text = EmailPattern().Replace(comment, "[correo]");
        text = FileNumberPattern().Replace(text, "[expediente]");
        return LongNumberPattern().Replace(text, "[número]");
    }

    [GeneratedRegex(@"[^\s@]+@[^\s@]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z]{2,8}(-[A-Z]{2,4})?-\d{4}-\d{3,}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FileNumberPattern();

    [GeneratedRegex(@"\d[\d\s\-]{4,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumberPattern();

    public static IReadOnlyList<(int Value, int Count)> Histogram(IEnumerable<DailyDurationCount> rows) =>
        [.. rows.GroupBy(r => r.Value).Select(g => (g.Key, g.Sum(r => r.Count))).OrderBy(h => h.Key)];

    /// The nearest-rank percentile of a histogram: the smallest value with at least that share of the
    /// counts at or below it. Null when there is nothing to measure.
    public static int? Percentile(IReadOnlyList<(int Value, int Count)> histogram, double share)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Sum(h => h.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(share * total));
        var seen = 0;
        foreach (var (value, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        return histogram[^1].Value;
    }
}
