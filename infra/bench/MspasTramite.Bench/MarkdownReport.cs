using System.Globalization;
using System.Text;

namespace MspasTramite.Bench;

internal sealed record EngineResult(
    string Engine, DateOnly Today, TimeSpan Load, TimeSpan Analyze, IReadOnlyList<string> Description, IReadOnlyList<string> Indexes, IReadOnlyList<ScenarioResult> Results);

/// The run's results as Markdown, ready to be copied into REPORT.md.
internal sealed class MarkdownReport(BenchOptions options)
{
    private readonly List<EngineResult> engines = [];

    public void Add(EngineResult result) => engines.Add(result);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Work queue benchmark: results").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{options.Count:N0} applications, {options.Applicants:N0} applicants, {options.Analysts} analysts, seed {options.Seed}; "
                + $"{options.Runs} timed runs per view after {options.Warmup} warm-up runs; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}.")
            .AppendLine();
        foreach (var engine in engines)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {engine.Engine}").AppendLine();
            foreach (var line in engine.Description)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }

            var analysed = options.Analyze ? string.Create(CultureInfo.InvariantCulture, $"analyse {engine.Analyze.TotalSeconds:N0} s") : "not analysed";
            md.AppendLine(CultureInfo.InvariantCulture, $"- load {engine.Load.TotalSeconds:N0} s, {analysed}; today = {engine.Today:yyyy-MM-dd}").AppendLine()
                .AppendLine("| view | files | page | median ms | p95 ms | count ms (median) | page ms (median) |")
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
        }

        return md.ToString();
    }
}
