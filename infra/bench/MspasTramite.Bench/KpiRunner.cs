using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Performance;

namespace MspasTramite.Bench;

/// One read of the product manager's dashboard or of the public page as its page makes it:
/// a fresh scope, the service from DI, one call. `Check` sees the answer of the last timed run.
internal sealed record KpiQuery(string Name, Func<IServiceProvider, CancellationToken, Task<object>> Run, Action<object>? Check = null);

internal sealed record KpiResult(KpiQuery Query, Timing Time, int Statements, IReadOnlyList<CapturedCommand> Explained);

internal sealed record RollupBuild(DateOnly From, DateOnly To, TimeSpan Backfill, TimeSpan Refresh, IReadOnlyList<(string Table, int Rows)> Rows);

/// What the generator made, for the checks: a fast wrong answer is no result.
internal sealed record KpiExpected(int Started, int Paid, int Decided);

internal static class KpiRunner
{
    /// The one-off backfill (RecomputeAsync over every day since the first file), then the state a
    /// deployed job leaves behind, then one steady-state refresh (the open days and the open files).
    public static async Task<RollupBuild> BuildAsync(BenchEngine engine, Population population, DateOnly firstDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(population);
        var watch = Stopwatch.StartNew();
        await using (var scope = engine.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PerformanceRollup>().RecomputeAsync(firstDay, population.Today, cancellationToken);
        }

        var backfill = watch.Elapsed;
        await using (var scope = engine.CreateScope())
        {
            // RecomputeAsync writes no state: as after a backfill in production, the job then finds
            // the days before the open ones final.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new PerformanceRollupState { OpenFrom = population.Today.AddDays(-PerformanceRollup.ReopenDays), RefreshedAt = population.Now });
            await db.SaveChangesAsync(cancellationToken);
        }

        watch.Restart();
        await using (var scope = engine.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PerformanceRollup>().RefreshAsync(cancellationToken);
        }

        var refresh = watch.Elapsed;
        await using (var scope = engine.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return new RollupBuild(firstDay, population.Today, backfill, refresh,
            [
                ("DailyProcedureFigures", await db.Set<DailyProcedureFigures>().CountAsync(cancellationToken)),
                ("DailyDurationCount", await db.Set<DailyDurationCount>().CountAsync(cancellationToken)),
                ("DailyFunnelStep", await db.Set<DailyFunnelStep>().CountAsync(cancellationToken)),
                ("OpenFilesCount", await db.Set<OpenFilesCount>().CountAsync(cancellationToken)),
            ]);
        }
    }

    /// The dashboard for the last whole month, quarter and year, for all procedures and for the
    /// busiest one, and the public page.
    public static IReadOnlyList<KpiQuery> Queries(Population population, Func<KpiPeriod, KpiExpected> expected)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(expected);
        var today = population.Today;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var quarterStart = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1).AddMonths(-3);
        (string Name, KpiPeriod Period)[] periods =
        [
            ($"month {lastMonth:yyyy-MM}", KpiPeriod.Month(lastMonth.Year, lastMonth.Month)),
            ($"quarter {quarterStart.Year} Q{((quarterStart.Month - 1) / 3) + 1}", KpiPeriod.Quarter(quarterStart.Year, ((quarterStart.Month - 1) / 3) + 1)),
            ($"year {today.Year - 1}", KpiPeriod.Year(today.Year - 1)),
        ];
        var procedure = population.Procedures.MaxBy(p => p.Share)!;
        var queries = new List<KpiQuery>();
        foreach (var (name, period) in periods)
        {
            var want = expected(period);
            queries.Add(new($"dashboard, {name}, all", (services, ct) => Dashboard(services, period, null, ct), answer => Check(name, (KpiReport)answer, want)));
            queries.Add(new($"dashboard, {name}, {procedure.Prefix}", (services, ct) => Dashboard(services, period, procedure.ProcedureId, ct)));
        }

        // The public page (/desempeno and its open data) computed afresh each time: a cache of its own
        // per call, so the timing is the reads and the arithmetic, never a cache hit.
        queries.Add(new("public page /desempeno, uncached", PublicPage, answer => CheckPublic((PublicReport)answer, population)));
        return queries;
    }

    private static async Task<object> PublicPage(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        return await ActivatorUtilities.CreateInstance<PublicPerformance>(services, (IMemoryCache)cache).LoadAsync(cancellationToken);
    }

    private static void CheckPublic(PublicReport report, Population population)
    {
        if (report.Procedures.Count != population.Procedures.Count || report.Procedures.Any(p => p.Months.Count < 2))
        {
            throw new InvalidOperationException($"public page: {report.Procedures.Count} procedures with {string.Join(", ", report.Procedures.Select(p => p.Months.Count))} months; {population.Procedures.Count} procedures were generated.");
        }
    }

    private static async Task<object> Dashboard(IServiceProvider services, KpiPeriod period, Guid? procedureId, CancellationToken cancellationToken) =>
        await services.GetRequiredService<KpiDashboard>().LoadAsync(period, procedureId, cancellationToken);

    private static void Check(string name, KpiReport report, KpiExpected want)
    {
        var got = new KpiExpected(report.Current.Started, report.Current.Paid, report.Current.Decided);
        if (got != want)
        {
            throw new InvalidOperationException($"dashboard, {name}: {got} from the rollup, {want} generated.");
        }
    }

    public static async Task<KpiResult> RunAsync(BenchEngine engine, KpiQuery query, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        for (var i = 0; i < options.Warmup; i++)
        {
            await TimeAsync(engine, query, cancellationToken);
        }

        var times = new List<double>();
        object? answer = null;
        var statements = 0;
        for (var i = 0; i < options.Runs; i++)
        {
            engine.Capture.Clear();
            (answer, var elapsed) = await TimeAsync(engine, query, cancellationToken);
            times.Add(elapsed.TotalMilliseconds);
            statements = engine.Capture.Commands.Count;
        }

        query.Check?.Invoke(answer!);
        engine.Capture.Clear();
        engine.Capture.Explain = true;
        try
        {
            await TimeAsync(engine, query, cancellationToken);
        }
        finally
        {
            engine.Capture.Explain = false;
        }

        return new KpiResult(query, Timing.Of(times), statements, [.. engine.Capture.Commands]);
    }

    private static async Task<(object Answer, TimeSpan Elapsed)> TimeAsync(BenchEngine engine, KpiQuery query, CancellationToken cancellationToken)
    {
        await using var scope = engine.CreateScope();
        var watch = Stopwatch.StartNew();
        var answer = await query.Run(scope.ServiceProvider, cancellationToken);
        return (answer, watch.Elapsed);
    }

    /// Counted from the generated rows as the rollup defines them: started on the Guatemala day of
    /// creation, paid on the day of payment (every received file has one paid attempt, at its
    /// reception), decided (approved or rejected) on the day of the decision.
    public static KpiExpected Expected(IReadOnlyList<ApplicationRow> rows, KpiPeriod period)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(period);
        bool In(DateTimeOffset? at) => at is { } t && GuatemalaTime.Today(t) is var day && day >= period.From && day <= period.To;
        int started = 0, paid = 0, decided = 0;
        foreach (var a in rows)
        {
            started += In(a.CreatedAt) ? 1 : 0;
            paid += In(a.ReceivedAt) ? 1 : 0;
            decided += a.Status is ApplicationStatus.Approved or ApplicationStatus.Rejected && In(a.DecidedAt) ? 1 : 0;
        }

        return new KpiExpected(started, paid, decided);
    }
}
