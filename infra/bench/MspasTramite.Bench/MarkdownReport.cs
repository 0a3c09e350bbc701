using System.Globalization;
using System.Text;

namespace MspasTramite.Bench;

internal sealed record EngineResult(
    string Engine, int Size, DateOnly Today, TimeSpan Load, TimeSpan Analyze, IReadOnlyList<string> Description, IReadOnlyList<string> Indexes,
    IReadOnlyList<ScenarioResult> Results, IReadOnlyList<(string Table, int Rows)> History, RollupBuild? Rollup, IReadOnlyList<KpiResult> Kpis);

/// The run's results as Markdown, ready to be copied into REPORT.md.
internal sealed class MarkdownReport(BenchOptions options)
{
    private readonly List<EngineResult> engines = [];

    public void Add(EngineResult result) => engines.Add(result);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Work queue and KPI benchmark: results").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{string.Join(" and ", options.Counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} applications, {options.Applicants:N0} applicants, {options.Analysts} analysts, seed {options.Seed}; "
                + $"{options.Runs} timed runs per view after {options.Warmup} warm-up runs; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}.")
            .AppendLine();
        Ratios(md);
        foreach (var engine in engines)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {engine.Engine}, {engine.Size:N0} applications").AppendLine();
            foreach (var line in engine.Description)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }

            var analysed = options.Analyze ? string.Create(CultureInfo.InvariantCulture, $"analyse {engine.Analyze.TotalSeconds:N0} s") : "not analysed";
            md.AppendLine(CultureInfo.InvariantCulture, $"- load {engine.Load.TotalSeconds:N0} s, {analysed}; today = {engine.Today:yyyy-MM-dd}")
                .AppendLine(CultureInfo.InvariantCulture, $"- history rows: {string.Join(", ", engine.History.Select(h => $"{h.Rows:N0} {h.Table}"))}");
            if (engine.Rollup is { } rollup)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- rollup backfill (`RecomputeAsync({rollup.From:yyyy-MM-dd}, {rollup.To:yyyy-MM-dd})`) {rollup.Backfill.TotalSeconds:N1} s, "
                    + $"one `RefreshAsync()` {rollup.Refresh.TotalSeconds:N2} s; {string.Join(", ", rollup.Rows.Select(r => $"{r.Rows:N0} {r.Table}"))}");
            }

            md.AppendLine();
            if (engine.Kpis.Count > 0)
            {
                md.AppendLine("| KPI read | median ms | p95 ms | statements |").AppendLine("| --- | ---: | ---: | ---: |");
                foreach (var k in engine.Kpis)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {k.Query.Name} | {k.Time.Median:N1} | {k.Time.P95:N1} | {k.Statements} |");
                }

                md.AppendLine();
            }

            if (engine.Results.Count == 0)
            {
                KpiPlans(md, engine);
                continue;
            }

            md.AppendLine("| view | files | page | median ms | p95 ms | count ms (median) | page ms (median) |")
                .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in engine.Results)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario.Name} | {r.Total:N0} | {r.Page:N0} | {r.Query.Median:N1} | {r.Query.P95:N1} | {r.Count.Median:N1} | {r.PageSql.Median:N1} |");
            }

            md.AppendLine().AppendLine("Indexes on \"Applications\":").AppendLine().AppendLine("```sql");
            foreach (var index in engine.Indexes)
            {
                md.AppendLine(index);
            }

            md.AppendLine("```").AppendLine();
            foreach (var r in engine.Results)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {engine.Engine}: {r.Scenario.Name}").AppendLine();
                foreach (var (command, i) in r.Explained.Select((c, i) => (c, i)))
                {
                    md.AppendLine(i == 0 ? "Count:" : "Page:").AppendLine()
                        .AppendLine("```sql").AppendLine(command.Sql).AppendLine(CultureInfo.InvariantCulture, $"-- {command.Parameters}").AppendLine("```").AppendLine()
                        .AppendLine("```text").AppendLine(command.Plan).AppendLine("```").AppendLine();
                }
            }

            KpiPlans(md, engine);
        }

        return md.ToString();
    }

    /// Each KPI read at the largest size beside the same read at the smallest, per engine.
    private void Ratios(StringBuilder md)
    {
        var sizes = engines.Select(e => e.Size).Distinct().Order().ToList();
        if (sizes.Count < 2 || engines.All(e => e.Kpis.Count == 0))
        {
            return;
        }

        var (small, large) = (sizes[0], sizes[^1]);
        md.AppendLine(CultureInfo.InvariantCulture, $"## KPI reads, {large:N0} against {small:N0} applications").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| engine | read | {small:N0}: median (p95) ms | {large:N0}: median (p95) ms | ratio of medians | ratio of p95 |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var name in engines.Select(e => e.Engine).Distinct())
        {
            var a = engines.FirstOrDefault(e => e.Engine == name && e.Size == small);
            var b = engines.FirstOrDefault(e => e.Engine == name && e.Size == large);
            if (a is null || b is null)
            {
                continue;
            }

            foreach (var k in b.Kpis)
            {
                // Period names carry the same dates at both sizes (the same "today").
                var s = a.Kpis.FirstOrDefault(x => x.Query.Name == k.Query.Name);
                if (s is null)
                {
                    continue;
                }

                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {k.Query.Name} | {s.Time.Median:N1} ({s.Time.P95:N1}) | {k.Time.Median:N1} ({k.Time.P95:N1}) | {k.Time.Median / s.Time.Median:N2} | {k.Time.P95 / s.Time.P95:N2} |");
            }
        }

        md.AppendLine();
    }

    private static void KpiPlans(StringBuilder md, EngineResult engine)
    {
        foreach (var k in engine.Kpis)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {engine.Engine}, {engine.Size:N0}: {k.Query.Name}").AppendLine();
            foreach (var (command, i) in k.Explained.Select((c, i) => (c, i)))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Statement {i + 1} ({command.Duration.TotalMilliseconds:N1} ms):").AppendLine()
                    .AppendLine("```sql").AppendLine(command.Sql).AppendLine(CultureInfo.InvariantCulture, $"-- {command.Parameters}").AppendLine("```").AppendLine()
                    .AppendLine("```text").AppendLine(command.Plan).AppendLine("```").AppendLine();
            }
        }
    }
}
