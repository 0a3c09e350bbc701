using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Performance;

/// One procedure's month as the public sees it (/desempeno and its open data). Every figure is already
/// suppressed: a number listed in `Suppressed` is null here and shown as "menos de 5". A null that is
/// not suppressed means the figure is unknown (the month's non-digital volume was not entered).
/// Rates are shares from 0 to 1, rounded to three decimals; times are working days.
public sealed record PublicMonth(
    string ProcedureSlug,
    string ProcedureName,
    DateOnly Month,
    bool MonthComplete,
    int LegalTimeDays,
    LegalTimeUnit LegalTimeUnit,
    int? Started,
    int? Submitted,
    int? Paid,
    int? Decided,
    decimal? CompletionRate,
    int? NonDigital,
    decimal? DigitalTakeUp,
    int? SurveyAnswers,
    decimal? Satisfaction,
    int? ProcessingMedianDays,
    int? ProcessingP90Days,
    decimal? DecidedInTimeShare,
    IReadOnlyList<string> Suppressed)
{
    public bool IsSuppressed(string field) => Suppressed.Contains(field);
}

public sealed record PublicProcedure(string Slug, string Name, int LegalTimeDays, LegalTimeUnit LegalTimeUnit, IReadOnlyList<PublicMonth> Months);

public sealed record PublicReport(DateTimeOffset GeneratedAt, IReadOnlyList<PublicProcedure> Procedures)
{
    public IEnumerable<PublicMonth> Rows => Procedures.SelectMany(p => p.Months);
}

/// A column of the open data: its stable name and how a month gives its value (a number, a string, a
/// boolean or null). The CSV, the JSON and the README's schema all follow this one list.
public sealed record PublicColumn(string Name, Func<PublicMonth, object?> Value);

/// The service's performance for anyone, per procedure and month, from the daily rollup, the published
/// procedure versions and the non-digital volumes only. The small-number rule lives here and nowhere
/// else, so the page and the open data cannot disagree.
public sealed class PublicPerformance(AppDbContext db, PerformanceRollup rollup, IMemoryCache cache, TimeProvider clock, IOptions<PerformanceOptions> options)
{
    /// A count under this (0 included) is published as "menos de 5", and so is a rate or a time
    /// computed over fewer: with so few files a person could be singled out.
    public const int MinimumCount = 5;

    /// Months with data shown before the current one.
    public const int MonthsShown = 12;

    public const int SchemaVersion = 1;

    public static class Fields
    {
        public const string ProcedureSlug = "procedure_slug";
        public const string ProcedureName = "procedure_name";
        public const string Month = "month";
        public const string MonthComplete = "month_complete";
        public const string LegalTimeDays = "legal_time_days";
        public const string LegalTimeUnit = "legal_time_unit";
        public const string Started = "started";
        public const string Submitted = "submitted";
        public const string Paid = "paid";
        public const string Decided = "decided";
        public const string CompletionRate = "completion_rate";
        public const string NonDigital = "non_digital";
        public const string DigitalTakeUp = "digital_take_up";
        public const string SurveyAnswers = "survey_answers";
        public const string Satisfaction = "satisfaction";
        public const string ProcessingMedianDays = "processing_median_days";
        public const string ProcessingP90Days = "processing_p90_days";
        public const string DecidedInTimeShare = "decided_in_time_share";
    }

    public static IReadOnlyList<PublicColumn> Columns { get; } =
    [
        new(Fields.ProcedureSlug, m => m.ProcedureSlug),
        new(Fields.ProcedureName, m => m.ProcedureName),
        new(Fields.Month, m => m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
        new(Fields.MonthComplete, m => m.MonthComplete),
        new(Fields.LegalTimeDays, m => m.LegalTimeDays),
        new(Fields.LegalTimeUnit, m => UnitCode(m.LegalTimeUnit)),
        new(Fields.Started, m => m.Started),
        new(Fields.Submitted, m => m.Submitted),
        new(Fields.Paid, m => m.Paid),
        new(Fields.Decided, m => m.Decided),
        new(Fields.CompletionRate, m => m.CompletionRate),
        new(Fields.NonDigital, m => m.NonDigital),
        new(Fields.DigitalTakeUp, m => m.DigitalTakeUp),
        new(Fields.SurveyAnswers, m => m.SurveyAnswers),
        new(Fields.Satisfaction, m => m.Satisfaction),
        new(Fields.ProcessingMedianDays, m => m.ProcessingMedianDays),
        new(Fields.ProcessingP90Days, m => m.ProcessingP90Days),
        new(Fields.DecidedInTimeShare, m => m.DecidedInTimeShare),
    ];

    public static string UnitCode(LegalTimeUnit unit) => unit == LegalTimeUnit.WorkingDays ? "working_days" : "calendar_days";

    public async Task<PublicReport> LoadAsync(CancellationToken cancellationToken = default)
    {
        await rollup.EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        var refreshedAt = await db.Set<PerformanceRollupState>().AsNoTracking().Select(s => (DateTimeOffset?)s.RefreshedAt)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // Keyed on the refresh, so new daily figures are seen at once; the short life covers what a
        // refresh does not mark (a non-digital volume entered in between).
        var key = (nameof(PublicPerformance), refreshedAt);
        if (cache.TryGetValue(key, out PublicReport? cached) && cached is not null)
        {
            return cached;
        }

        var report = await ComputeAsync(cancellationToken).ConfigureAwait(false);
        cache.Set(key, report, options.Value.PublicCacheDuration);
        return report;
    }

    private async Task<PublicReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = GuatemalaTime.Today(now);
        var currentMonth = new DateOnly(today.Year, today.Month, 1);
        var published = await db.ProcedureVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .Select(v => new { v.ProcedureId, v.Procedure.Slug, v.Number, v.Name, v.LegalTimeDays, v.LegalTimeUnit })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var procedures = published.GroupBy(v => v.ProcedureId).Select(g => g.MaxBy(v => v.Number)!)
            .OrderBy(v => v.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"), ignoreCase: true))
            .ToList();

        // Which months have any data: the days of the rollup (a few hundred a year per procedure) and
        // the months with a non-digital volume.
        var days = await db.Set<DailyProcedureFigures>().AsNoTracking().Where(d => d.Day < currentMonth)
            .Select(d => new { d.ProcedureId, d.Day }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var volumeMonths = await db.NonDigitalVolumes.AsNoTracking().Where(v => v.Month < currentMonth)
            .Select(v => new { v.ProcedureId, v.Month }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var monthsWithData = days.Select(d => (d.ProcedureId, Month: new DateOnly(d.Day.Year, d.Day.Month, 1)))
            .Concat(volumeMonths.Select(v => (v.ProcedureId, v.Month)))
            .Distinct()
            .ToLookup(m => m.ProcedureId, m => m.Month);
        var shown = procedures.ToDictionary(
            p => p.ProcedureId,
            p => (IReadOnlyList<DateOnly>)[currentMonth, .. monthsWithData[p.ProcedureId].OrderByDescending(m => m).Take(MonthsShown)]);
        var from = shown.Values.SelectMany(m => m).DefaultIfEmpty(currentMonth).Min();

        var figures = await db.Set<DailyProcedureFigures>().AsNoTracking().Where(d => d.Day >= from).ToListAsync(cancellationToken).ConfigureAwait(false);
        var durations = await db.Set<DailyDurationCount>().AsNoTracking()
            .Where(d => d.Day >= from && d.Measure == DailyDurationCount.Processing)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var volumes = await db.NonDigitalVolumes.AsNoTracking().Where(v => v.Month >= from)
            .Select(v => new { v.ProcedureId, v.Month, v.Count })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
        var report = procedures.Select(p => new PublicProcedure(p.Slug, p.Name, p.LegalTimeDays, p.LegalTimeUnit, [.. shown[p.ProcedureId].Select(month =>
        {
            var mine = figures.Where(d => d.ProcedureId == p.ProcedureId && MonthOf(d.Day) == month).ToList();
            var histogram = KpiDashboard.Histogram(durations.Where(d => d.ProcedureId == p.ProcedureId && MonthOf(d.Day) == month));
            var volume = volumes.Where(v => v.ProcedureId == p.ProcedureId && v.Month == month).Select(v => (int?)v.Count).SingleOrDefault();
            var raw = new MonthFigures(
                mine.Sum(d => d.Started), mine.Sum(d => d.Submitted), mine.Sum(d => d.Paid), mine.Sum(d => d.Decided), mine.Sum(d => d.DecidedInTime),
                volume, mine.Sum(d => d.SurveyAnswers), mine.Sum(d => d.SurveySatisfied), histogram);
            return Publish(p.Slug, p.Name, p.LegalTimeDays, p.LegalTimeUnit, month, month < currentMonth, raw);
        })])).ToList();
        return new PublicReport(now, report);
    }

    /// A month's raw figures, before the small-number rule.
    public sealed record MonthFigures(
        int Started, int Submitted, int Paid, int Decided, int DecidedInTime, int? NonDigital, int SurveyAnswers, int SurveySatisfied,
        IReadOnlyList<(int Value, int Count)> Processing);

    /// The small-number rule, the one place it is applied. A count under MinimumCount is withheld; so is
    /// a rate whose denominator is under it, a median or p90 over fewer files, and a rate whose
    /// numerator is a published count that was withheld (paid for completion, submitted for take-up),
    /// because the rate times its denominator would give that count back.
    public static PublicMonth Publish(string slug, string name, int legalTimeDays, LegalTimeUnit unit, DateOnly month, bool complete, MonthFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var suppressed = new List<string>();
        int? Count(string field, int value)
        {
            if (value < MinimumCount)
            {
                suppressed.Add(field);
                return null;
            }

            return value;
        }

        decimal? Rate(string field, decimal part, decimal whole, bool partWithheld = false)
        {
            if (whole < MinimumCount || partWithheld)
            {
                suppressed.Add(field);
                return null;
            }

            return Math.Round(part / whole, 3, MidpointRounding.AwayFromZero);
        }

        var timed = f.Processing.Sum(h => h.Count);
        int? Time(string field, double share)
        {
            if (timed < MinimumCount)
            {
                suppressed.Add(field);
                return null;
            }

            return KpiDashboard.Percentile(f.Processing, share);
        }

        var started = Count(Fields.Started, f.Started);
        var submitted = Count(Fields.Submitted, f.Submitted);
        var paid = Count(Fields.Paid, f.Paid);
        var decided = Count(Fields.Decided, f.Decided);
        var completion = Rate(Fields.CompletionRate, f.Paid, f.Started, paid is null);
        var nonDigital = f.NonDigital is { } entered ? Count(Fields.NonDigital, entered) : null;
        // An unknown non-digital volume makes take-up unknown, not withheld.
        var takeUp = f.NonDigital is { } volume ? Rate(Fields.DigitalTakeUp, f.Submitted, f.Submitted + volume, submitted is null) : null;
        var answers = Count(Fields.SurveyAnswers, f.SurveyAnswers);
        var satisfaction = Rate(Fields.Satisfaction, f.SurveySatisfied, f.SurveyAnswers);
        var median = Time(Fields.ProcessingMedianDays, 0.5);
        var p90 = Time(Fields.ProcessingP90Days, 0.9);
        var inTime = Rate(Fields.DecidedInTimeShare, f.DecidedInTime, f.Decided);
        return new PublicMonth(slug, name, month, complete, legalTimeDays, unit, started, submitted, paid, decided, completion,
            nonDigital, takeUp, answers, satisfaction, median, p90, inTime, suppressed);
    }
}
