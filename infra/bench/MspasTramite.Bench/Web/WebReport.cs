using System.Globalization;
using System.Text;

namespace MspasTramite.Bench.Web;

/// WEB-REPORT.md: per engine, issue 12's table with this run's figures beside its goals.
internal static class WebReport
{
    public static string ToMarkdown(WebBenchResult result, WebBenchOptions options)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Web benchmark: the app against bare ASP.NET Core (issue 12){(options.Label is { } label ? $": {label}" : "")}");
        Line($"");
        if (result.Smoke)
        {
            Line($"**Smoke run** (1 round of 1-second runs on a tiny database): it proves the harness works; its figures mean nothing.");
            Line($"");
        }

        Line($"- Commit measured: `{result.Commit}`");
        Line($"- Run: {result.Started:yyyy-MM-dd HH:mm:ss} to {result.Finished:HH:mm:ss} UTC on {result.Machine}");
        Line($"- {options.Rounds} interleaved rounds (for each round, for each path: the app, then the baseline), `wrk -t1 -c{options.Connections} -d{options.DurationSeconds}s --latency`, after a {options.WarmupSeconds}-second warm-up of each path on each server; both servers published in Release and run in Production on 127.0.0.1, each with its own data folder and database.");
        Line($"- Ratio: the app's requests per second over the baseline's in the same round; min / median / max over the rounds; \"met\" compares the median with the goal. Latencies: medians over the rounds of each run's p50 and p99. \"Filed with\": the figure issue 12 was opened with.");
        Line($"- Load average (1, 5, 15 min) while it ran: {string.Join("; ", result.LoadAverages)}. The machine is shared: a busy machine lowers both servers' rates; the ratio holds better than the rates do.");
        Line($"");

        foreach (var engine in result.Engines)
        {
            Line($"## {engine.Engine}");
            Line($"");
            Line($"The app's database: {engine.Applications:N0} applications (the queue bench's `Population`), a citizen signed in with an application under review, an analyst signed in with the second factor. Procedure page: app {engine.AppPageBytes:N0} bytes, baseline {engine.BaselinePageBytes:N0} bytes.");
            Line($"");
            Line($"| path | baseline | ratio min / **median** / max | goal | met | filed with | app req/s | baseline req/s | app p50 / p99 ms | baseline p50 / p99 ms | not 2xx, socket errors |");
            Line($"| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var p in engine.Paths)
            {
                var met = p.RatioMedian >= p.GoalRatio ? "yes" : "no";
                var failures = $"{p.App.Concat(p.BaselineRuns).Sum(r => r.Non2xx)}, {p.App.Concat(p.BaselineRuns).Sum(r => r.SocketErrors)}";
                Line($"| {p.Path} | {p.Baseline} | {p.RatioMin:N3} / **{p.RatioMedian:N3}** / {p.RatioMax:N3} | {p.Goal} | {met} | {p.FiledRatio} | {p.AppRequestsPerSecond:N0} | {p.BaselineRequestsPerSecond:N0} | {Latency(p.App)} | {Latency(p.BaselineRuns)} | {failures} |");
            }

            var w = engine.WebhookAtHalfPeak;
            Line($"| webhook p99 at half of peak | — | {w.Run.RequestsPerSecond:N0} req/s (target {w.TargetRequestsPerSecond:N0}; {w.DelayMs:N0} ms pause per connection) | ≤ 100 ms | {(w.Run.P99Ms <= 100 ? "yes" : "no")} | 9–13 ms | | | {w.Run.P50Ms:N2} / **{w.Run.P99Ms:N2}** | | {w.Run.Non2xx}, {w.Run.SocketErrors} |");
            var m = engine.Memory;
            Line($"| peak RSS under a mixed load | bare app **{m.BaselinePeakMb:N0} MB** (now {m.BaselineCurrentMb:N0} MB) | app **{m.AppPeakMb:N0} MB** (now {m.AppCurrentMb:N0} MB) | ≤ 200 MB | {(m.AppPeakMb <= 200 ? "yes" : "no")} | 306 MB (bare 186 MB) | {m.AppMixedRequestsPerSecond:N0} | {m.BaselineMixedRequestsPerSecond:N0} | | | |");
            var s = engine.Startup;
            var (startupGoal, startupFiled) = engine.Engine == "SQLite" ? (1.5, "2.2–2.6 s (bare ~1 s)") : (5.0, "34–36 s (bare ~1 s)");
            Line($"| start to `/health/ready` on a fresh database | bare app {Seconds(s.BaselineSeconds)} | app **{Seconds(s.AppSeconds)}** | ≤ {startupGoal:N1} s | {(WebStats.Median(s.AppSeconds) <= startupGoal ? "yes" : "no")} | {startupFiled} | | | | | |");
            Line($"");
            if (engine.Paths.Where(p => p.Repeated).Select(p => p.Key).ToList() is { Count: > 0 } repeated)
            {
                Line($"**Not valid**: {string.Join(", ", repeated)} sent more events than the run's file held, so some \"new\" events were duplicates (raise `WebhookEvents.PerSecond`).");
                Line($"");
            }

            Line($"Socket errors are mostly wrk's own at the end of a run (requests cut off when it stops, which the servers log as \"Unexpected end of request content\") and timeouts on a busy machine; `web-report.json` has them per run.");
            Line($"");
            Line($"Each round's ratio:");
            Line($"");
            Line($"| path | {string.Join(" | ", Enumerable.Range(1, engine.Paths[0].Ratios.Count).Select(i => $"round {i}"))} |");
            Line($"| --- |{string.Concat(engine.Paths[0].Ratios.Select(_ => " --- |"))}");
            foreach (var p in engine.Paths)
            {
                Line($"| {p.Key} | {string.Join(" | ", p.Ratios.Select(r => r.ToString("N3", CultureInfo.InvariantCulture)))} |");
            }

            Line($"");
        }

        Line($"## How it was measured");
        Line($"");
        Line($"Commands (`$WORK` is the run's folder under /tmp):");
        Line($"");
        Line($"```");
        foreach (var command in result.Commands)
        {
            md.AppendLine(command);
        }

        Line($"```");
        Line($"");
        Line($"- The baseline (`infra/bench/MspasTramite.Bench.Baseline`): the procedure page is a Razor page in a layout of the app's shape (same head, CSS and script links, header, navigation and footer, without forms, TempData or localisation), padded to the app's page's size; \"fortunes\" reads 12 rows with EF Core, adds one, sorts and renders them; `POST /webhooks/insert` reads the body and inserts one row with EF Core. SQLite in WAL mode like the app's.");
        Line($"- Signed-in paths: wrk sends the session cookie (`mspas.auth`) got by signing in through `/cuenta/ingresar` (and, for the analyst, `/cuenta/ingresar/segundo-paso` with a TOTP code: `TwoFactor:RequiredForStaff` stays on). Every path is checked to answer 200 on both servers before the timed runs (wrk counts a redirect as a success).");
        Line($"- Webhooks: events signed with the app's webhook secret as Stripe signs them (`Stripe-Signature: t=…,v1=…`), a fresh file of distinct events per run for \"new\" (type `payment_intent.created`, which the app records and otherwise ignores), one event already received for \"duplicate\"; sent by a Lua script (`wrk -s`). The baseline gets the same bodies.");
        Line($"- p99 at half of peak: wrk has no fixed rate (wrk2 would), so each connection pauses between requests about as long as one request took at the peak, which about halves the rate; the achieved rate is shown. wrk's latencies do not include requests it did not send while waiting (coordinated omission).");
        Line($"- Peak RSS: `VmHWM` from `/proc/<pid>/status` after four paths at once (procedure page, status page, queue, new webhooks; the baseline's counterparts), {options.MixedSeconds} s, `-c{Math.Max(1, options.Connections / 4)}` each, on each server in turn; the peak is since the process started, so it covers the whole run.");
        Line($"- Start-up: from `dotnet X.dll` to the first 200 from `/health/ready` (polled every 25 ms), on a fresh database each time (SQLite: an empty folder; PostgreSQL: a database that does not exist yet), {options.StartupRuns} times per server, min / median / max.");
        Line($"- The raw figures of every run are in `{WebBenchmark.JsonFile}` beside this file.");
        return md.ToString();
    }

    private static string Latency(IReadOnlyList<WrkRun> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{WebStats.Median(runs.Select(r => r.P50Ms)):N2} / {WebStats.Median(runs.Select(r => r.P99Ms)):N2}");

    private static string Seconds(IReadOnlyList<double> seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds.Min():N2} / {WebStats.Median(seconds):N2} / {seconds.Max():N2} s");
}
