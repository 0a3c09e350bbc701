using System.Diagnostics.CodeAnalysis;

namespace MspasTramite.Bench.Web;

// What one run measured, as web-report.json holds it (and the smoke test reads it).

[SuppressMessage("Maintainability", "CA1515", Justification = "The smoke test in MspasTramite.Web.Tests reads the result.")]
public sealed record WebBenchResult(
    string Commit,
    string Machine,
    bool Smoke,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<string> Commands,
    IReadOnlyList<string> LoadAverages,
    IReadOnlyList<EngineWebResult> Engines);

[SuppressMessage("Maintainability", "CA1515", Justification = "Part of WebBenchResult.")]
public sealed record EngineWebResult(
    string Engine,
    int Applications,
    int AppPageBytes,
    int BaselinePageBytes,
    IReadOnlyList<PathResult> Paths,
    PacedResult WebhookAtHalfPeak,
    MemoryResult Memory,
    StartupResult Startup);

/// One path: every round's wrk run of the app and of the baseline, and their ratios (app / baseline
/// requests per second). Repeated: the run sent more new events than its file held (so some were
/// duplicates), which makes the figure wrong.
[SuppressMessage("Maintainability", "CA1515", Justification = "Part of WebBenchResult.")]
public sealed record PathResult(
    string Key,
    string Path,
    string Baseline,
    string Goal,
    double GoalRatio,
    string FiledRatio,
    IReadOnlyList<WrkRun> App,
    IReadOnlyList<WrkRun> BaselineRuns,
    IReadOnlyList<double> Ratios,
    bool Repeated)
{
    public double RatioMin => Ratios.Min();
    public double RatioMedian => WebStats.Median(Ratios);
    public double RatioMax => Ratios.Max();
    public double AppRequestsPerSecond => WebStats.Median(App.Select(r => r.RequestsPerSecond));
    public double BaselineRequestsPerSecond => WebStats.Median(BaselineRuns.Select(r => r.RequestsPerSecond));
}

/// The new-event webhook at about half the app's peak rate (wrk's delay() between requests).
[SuppressMessage("Maintainability", "CA1515", Justification = "Part of WebBenchResult.")]
public sealed record PacedResult(double TargetRequestsPerSecond, double DelayMs, WrkRun Run);

/// Resident memory after the mixed load (four paths at once): peak (VmHWM, since the process
/// started) and current (VmRSS), in MB.
[SuppressMessage("Maintainability", "CA1515", Justification = "Part of WebBenchResult.")]
public sealed record MemoryResult(double AppPeakMb, double AppCurrentMb, double BaselinePeakMb, double BaselineCurrentMb, double AppMixedRequestsPerSecond, double BaselineMixedRequestsPerSecond);

/// Seconds from the process start to the first 200 from /health/ready, on a fresh database each time.
[SuppressMessage("Maintainability", "CA1515", Justification = "Part of WebBenchResult.")]
public sealed record StartupResult(IReadOnlyList<double> AppSeconds, IReadOnlyList<double> BaselineSeconds);

/// A path of issue 12's table: its goal (a ratio app / baseline) and the ratio the issue was filed with.
[SuppressMessage("Maintainability", "CA1515", Justification = "The smoke test checks the report names every path.")]
public sealed record WebPath(string Key, string Path, string Baseline, string Goal, double GoalRatio, string FiledRatio);

internal static class WebStats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
