using System.Diagnostics;
using System.Globalization;
using MspasTramite.Bench;
using MspasTramite.Core.Applications;

// The work queue of /backoffice on a realistic million files: builds a fresh database per engine
// with the app's own migrations, bulk-loads it, then times WorkQueues.QueryAsync for the views
// officers use and prints the plan of every statement. See ../README.md; results in ../REPORT.md.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
if (args is ["web", .. var webArgs])
{
    // The web benchmark of issue 12 (MspasTramite.Bench.Web; ../README.md, "Web benchmark").
    return await MspasTramite.Bench.Web.WebBenchmark.MainAsync(webArgs, cancel.Token);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var report = new MarkdownReport(options);
foreach (var count in options.Counts)
{
    var sized = options with { Count = count };
    if (!options.SkipSqlite)
    {
        await using var sqlite = new SqliteEngine(sized);
        report.Add(await RunEngineAsync(sqlite, sized, cancel.Token));
    }

    if (options.Postgres is not null)
    {
        await using var postgres = new PostgresEngine(sized);
        report.Add(await RunEngineAsync(postgres, sized, cancel.Token));
    }
}

if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report.ToMarkdown(), cancel.Token);
    Console.WriteLine($"Results written to {Path.GetFullPath(output)}");
}

return 0;

static async Task<EngineResult> RunEngineAsync(BenchEngine engine, BenchOptions options, CancellationToken cancellationToken)
{
    Console.WriteLine($"== {engine.Name}");
    var watch = Stopwatch.StartNew();
    await engine.StartAsync(cancellationToken);
    Console.WriteLine($"  created and migrated with the app's migrations in {watch.Elapsed.TotalSeconds:N1} s");

    var population = new Population(options, await engine.ProceduresAsync(cancellationToken), TimeProvider.System.GetUtcNow());
    var scenarios = Scenarios.For(population);
    var expected = new int[scenarios.Count];

    watch.Restart();
    await engine.LoadUsersAsync(population, cancellationToken);
    var applications = population.Applications(options.Count);
    await engine.LoadApplicationsAsync(Counted(applications, scenarios, expected), cancellationToken);
    var history = new List<(string, int)>();
    foreach (var table in population.HistoryTables(applications))
    {
        var rows = 0;
        await engine.LoadTableAsync(table with { Rows = table.Rows.Select(r => { rows++; return r; }) }, cancellationToken);
        history.Add((table.Name, rows));
    }

    var load = watch.Elapsed;
    Console.WriteLine($"  loaded {options.Count:N0} applications, {population.Applicants.Count + population.Analysts.Count:N0} users, "
        + string.Join(", ", history.Select(h => $"{h.Item2:N0} {h.Item1}")) + $" in {load.TotalSeconds:N1} s");

    watch.Restart();
    if (options.Analyze)
    {
        await engine.AnalyzeAsync(cancellationToken);
        Console.WriteLine($"  analysed in {watch.Elapsed.TotalSeconds:N1} s");
    }
    else
    {
        Console.WriteLine("  not analysed (--no-analyze)");
    }

    var analyze = watch.Elapsed;

    var description = await engine.DescribeAsync(cancellationToken);
    foreach (var line in description)
    {
        Console.WriteLine($"  {line}");
    }

    var loadBefore = LoadAverage();
    var results = new List<ScenarioResult>();
    if (options.Queue)
    {
        Console.WriteLine($"  {"view",-22} {"files",9} {"page",6} {"median ms",10} {"p95 ms",8} {"count ms",9} {"page ms",8}");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var result = await QueueRunner.RunAsync(engine, scenarios[i], expected[i], population.Today, options, cancellationToken);
            results.Add(result);
            Console.WriteLine($"  {result.Scenario.Name,-22} {result.Total,9:N0} {result.Page,6} {result.Query.Median,10:N1} {result.Query.P95,8:N1} {result.Count.Median,9:N1} {result.PageSql.Median,8:N1}");
        }
    }

    RollupBuild? rollup = null;
    var kpis = new List<KpiResult>();
    if (options.Kpi)
    {
        var firstDay = GuatemalaTime.Today(applications.Min(a => a.CreatedAt));
        rollup = await KpiRunner.BuildAsync(engine, population, firstDay, cancellationToken);
        Console.WriteLine($"  rollup: backfill {firstDay:yyyy-MM-dd} to {population.Today:yyyy-MM-dd} in {rollup.Backfill.TotalSeconds:N1} s, one refresh in {rollup.Refresh.TotalSeconds:N2} s; "
            + string.Join(", ", rollup.Rows.Select(r => $"{r.Rows:N0} {r.Table}")));
        if (options.Analyze)
        {
            // The rollup's tables were empty when the statistics were taken.
            await engine.AnalyzeAsync(cancellationToken);
        }

        Console.WriteLine($"  {"query",-40} {"median ms",10} {"p95 ms",8} {"statements",10}");
        foreach (var query in KpiRunner.Queries(population, period => KpiRunner.Expected(applications, period)))
        {
            var result = await KpiRunner.RunAsync(engine, query, options, cancellationToken);
            kpis.Add(result);
            Console.WriteLine($"  {query.Name,-40} {result.Time.Median,10:N1} {result.Time.P95,8:N1} {result.Statements,10}");
        }
    }

    var machine = $"load average (1, 5, 15 min) {loadBefore} before the timed runs, {LoadAverage()} after";
    Console.WriteLine($"  {machine}");
    return new EngineResult(engine.Name, options.Count, population.Today, load, analyze, [.. description, machine], await engine.IndexesAsync(cancellationToken), results, history, rollup, kpis);
}

// The machine is shared: how busy it was says how far to trust the timings.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

// Counts, while the rows stream to the database, how many files each view must find.
static IEnumerable<ApplicationRow> Counted(IEnumerable<ApplicationRow> rows, IReadOnlyList<Scenario> scenarios, int[] expected)
{
    foreach (var row in rows)
    {
        for (var i = 0; i < scenarios.Count; i++)
        {
            if (scenarios[i].Matches(row))
            {
                expected[i]++;
            }
        }

        yield return row;
    }
}
