extern alias bench;

using System.Text.Json;
using bench::MspasTramite.Bench.Web;

namespace MspasTramite.Web.Tests.Bench;

/// The web benchmark (infra/bench, issue 12) in its smoke mode, so that the harness never rots: it
/// publishes nothing (the solution's build of the app and the baseline), runs one round of 1-second
/// wrk runs on a tiny SQLite database, and must produce a report with every path. Timings are never
/// asserted (CONVENTIONS.md): only that each path was reached, signed in where it must be, and measured.
public sealed class WebBenchmarkSmokeTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Smoke_MeasuresEveryPath_AndWritesTheReport()
    {
        var repository = WebBenchmark.FindRepository();
        var output = Directory.CreateTempSubdirectory("mspas-webbench-smoke-");
        try
        {
            var options = new WebBenchOptions
            {
                Repository = repository,
                OutputDirectory = output.FullName,
                AppDirectory = Path.Combine(repository, "src", "MspasTramite.Web", "bin", Configuration, "net10.0"),
                BaselineDirectory = Path.Combine(repository, "infra", "bench", "MspasTramite.Bench.Baseline", "bin", Configuration, "net10.0"),
                // Free ports: the test may run beside a real benchmark or another test run.
                PortBase = 0,
            }.AsSmoke();

            // Bounded: a hung server or wrk fails the test instead of the run.
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var result = await WebBenchmark.RunAsync(options, "smoke test", TextWriter.Null, limit.Token);

            var engine = Assert.Single(result.Engines);
            Assert.Equal("SQLite", engine.Engine);
            Assert.Equal(WebBenchmark.Paths.Select(p => p.Key), engine.Paths.Select(p => p.Key));
            foreach (var path in engine.Paths)
            {
                var ratio = Assert.Single(path.Ratios);
                Assert.True(double.IsFinite(ratio) && ratio > 0, $"{path.Key}: ratio {ratio}");
                // Every request answered 2xx: the cookies signed in, the webhook signatures held.
                Assert.All(path.App.Concat(path.BaselineRuns), run => Assert.True(run.Requests > 0 && run.Non2xx == 0, $"{path.Key}: {run}"));
                Assert.All(path.App.Concat(path.BaselineRuns), run => Assert.True(double.IsFinite(run.P50Ms) && double.IsFinite(run.P99Ms), $"{path.Key}: {run}"));
            }

            // The procedure pages were brought to the same size (within the slug's few bytes).
            Assert.InRange(engine.BaselinePageBytes, engine.AppPageBytes - 64, engine.AppPageBytes + 64);
            Assert.True(engine.WebhookAtHalfPeak.Run is { Requests: > 0, Non2xx: 0 }, $"{engine.WebhookAtHalfPeak}");
            Assert.True(engine.Memory.AppPeakMb > 0 && engine.Memory.BaselinePeakMb > 0, $"{engine.Memory}");
            Assert.True(engine.Startup.AppSeconds.Single() > 0 && engine.Startup.BaselineSeconds.Single() > 0, $"{engine.Startup}");

            var report = await File.ReadAllTextAsync(Path.Combine(output.FullName, WebBenchmark.ReportFile), limit.Token);
            foreach (var path in WebBenchmark.Paths)
            {
                Assert.Contains($"| {path.Path} |", report, StringComparison.Ordinal);
            }

            Assert.Contains("peak RSS under a mixed load", report, StringComparison.Ordinal);
            Assert.Contains("start to `/health/ready`", report, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, WebBenchmark.JsonFile), limit.Token));
            var paths = json.RootElement.GetProperty("engines")[0].GetProperty("paths");
            Assert.Equal(WebBenchmark.Paths.Count, paths.GetArrayLength());
            Assert.All(paths.EnumerateArray(), p => Assert.True(p.GetProperty("ratioMedian").GetDouble() > 0));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
