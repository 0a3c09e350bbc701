using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MspasTramite.Core.Data;
using Npgsql;

namespace MspasTramite.Bench.Web;

/// The web benchmark of issue 12: the app and a bare ASP.NET Core baseline (../MspasTramite.Bench.Baseline),
/// both published in Release and run as processes in Production, measured path by path with wrk in one
/// interleaved run (for each round, for each path: the app, then the baseline). See ../../README.md.
[SuppressMessage("Maintainability", "CA1515", Justification = "The smoke test in MspasTramite.Web.Tests runs it in-process.")]
public static class WebBenchmark
{
    public const string ReportFile = "WEB-REPORT.md";
    public const string JsonFile = "web-report.json";

    /// Every path of issue 12's table, in its order, with its goal and the figure the issue was filed with.
    public static IReadOnlyList<WebPath> Paths { get; } =
    [
        new("procedure", "public procedure page `/tramites/{slug}`", "bare Razor page, same layout and HTML size", "≥ 0.80", 0.80, "0.026"),
        new("status", "citizen status page `/mis-solicitudes/{id}`", "EF \"fortunes\" page: 12 rows read and rendered", "≥ 0.70", 0.70, "0.12"),
        new("backoffice", "back-office queue `/backoffice`", "the same fortunes page", "≥ 0.50", 0.50, "0.15"),
        new("webhook-new", "webhook, new event", "minimal endpoint, one EF insert", "≥ 0.60", 0.60, "0.36–0.39"),
        new("webhook-duplicate", "webhook, duplicate event", "the fortunes page", "≥ 0.90", 0.90, "0.56–0.61"),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// `MspasTramite.Bench web …` from the command line.
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains("--help"))
        {
            Console.WriteLine(WebBenchOptions.Usage);
            return 0;
        }

        WebBenchOptions options;
        try
        {
            options = WebBenchOptions.Parse(args, FindRepository());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(WebBenchOptions.Usage);
            return 2;
        }

        // The connection string (with its password) is not copied into the report.
        var shown = args.Select((a, i) => i > 0 && args[i - 1] == "--postgres" ? "\"$MSPAS_TEST_POSTGRES\"" : a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a);
        var command = "dotnet run -c Release --project infra/bench/MspasTramite.Bench -- web " + string.Join(' ', shown);
        await RunAsync(options, command, Console.Out, cancellationToken);
        return 0;
    }

    public static async Task<WebBenchResult> RunAsync(WebBenchOptions options, string command, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mspas-webbench-{started:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40])).FullName;
        var commands = new List<string> { command };
        var loads = new List<string> { $"{started:HH:mm:ss} start: {LoadAverage()}" };
        try
        {
            var appDll = options.AppDirectory is { } a ? Path.Combine(a, "MspasTramite.Web.dll")
                : await PublishAsync(options.Repository, "src/MspasTramite.Web/MspasTramite.Web.csproj", Path.Combine(work, "app"), "MspasTramite.Web.dll", commands, log, cancellationToken);
            var baselineDll = options.BaselineDirectory is { } b ? Path.Combine(b, "MspasTramite.Bench.Baseline.dll")
                : await PublishAsync(options.Repository, "infra/bench/MspasTramite.Bench.Baseline/MspasTramite.Bench.Baseline.csproj", Path.Combine(work, "baseline"), "MspasTramite.Bench.Baseline.dll", commands, log, cancellationToken);
            var run = new EngineRun(options, work, appDll, baselineDll, log, loads);
            var commit = await CommitAsync(options.Repository, cancellationToken);
            var engines = new List<EngineWebResult>();
            WebBenchResult? result = null;
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                if (provider == DatabaseProvider.Sqlite ? !options.Sqlite : options.Postgres is null)
                {
                    continue;
                }

                engines.Add(await run.RunAsync(provider, cancellationToken));
                // Written after each engine, so that a failure on the next one keeps what was measured.
                var finished = DateTimeOffset.UtcNow;
                result = new WebBenchResult(commit, Machine(), options.Smoke, started, finished, commands, [.. loads, $"{finished:HH:mm:ss} end: {LoadAverage()}"], [.. engines]);
                Directory.CreateDirectory(options.OutputDirectory);
                await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, JsonFile), JsonSerializer.Serialize(result, Json), cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ReportFile), WebReport.ToMarkdown(result, options), cancellationToken);
                await log.WriteLineAsync($"Report written to {Path.Combine(options.OutputDirectory, ReportFile)} and {JsonFile}");
            }

            return result!;
        }
        finally
        {
            if (options.Keep)
            {
                await log.WriteLineAsync($"Work folder kept: {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<string> PublishAsync(string repository, string project, string output, string dll, List<string> commands, TextWriter log, CancellationToken cancellationToken)
    {
        var arguments = new[] { "publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "quiet" };
        commands.Add("dotnet " + string.Join(' ', arguments.Select(x => x.Replace(Path.GetDirectoryName(output)!, "$WORK", StringComparison.Ordinal))));
        await log.WriteLineAsync($"Publishing {project} in Release");
        var (exit, text) = await RunProcessAsync("dotnet", arguments, repository, cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed: {text}");
        }

        return Path.Combine(output, dll);
    }

    internal static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, IEnumerable<string> arguments, string directory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static async Task<string> CommitAsync(string repository, CancellationToken cancellationToken)
    {
        var (exit, head) = await RunProcessAsync("git", ["log", "-1", "--format=%H %s"], repository, cancellationToken);
        if (exit != 0)
        {
            return "unknown (not a git checkout)";
        }

        var (_, status) = await RunProcessAsync("git", ["status", "--porcelain", "--untracked-files=no"], repository, cancellationToken);
        var subject = head.Length > 120 ? head[..120] + "…" : head;
        return status.Length == 0 ? subject : subject + " (with uncommitted changes)";
    }

    // The machine is shared: how busy it was says how far to trust the figures.
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} CPUs ({cpu ?? "unknown"}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MspasTramite.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("MspasTramite.sln not found above the current folder.");
    }

    /// One engine: start-ups on fresh databases, then the seeded database, the interleaved rounds,
    /// the webhook at half its peak, and the mixed load whose peak memory is read.
    private sealed class EngineRun(WebBenchOptions options, string work, string appDll, string baselineDll, TextWriter log, List<string> loads)
    {
        private readonly string wrkLog = Path.Combine(work, "wrk.log");
        private int nextPort = options.PortBase;

        private int Port() => options.PortBase == 0 ? ServerProcess.FreePort() : nextPort++;

        public async Task<EngineWebResult> RunAsync(DatabaseProvider provider, CancellationToken cancellationToken)
        {
            var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
            var tag = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
            nextPort = options.PortBase;
            await log.WriteLineAsync($"== {name}");
            await File.WriteAllTextAsync(Path.Combine(work, "webhook.lua"), WebhookEvents.LuaScript, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(work, "webhook-paced.lua"), WebhookEvents.PacedLuaScript, cancellationToken);

            var benchOptions = new BenchOptions
            {
                Count = options.Count,
                Counts = [options.Count],
                Applicants = options.Applicants,
                Analysts = options.Analysts,
                Postgres = options.Postgres,
            };
            await using BenchEngine engine = provider == DatabaseProvider.Sqlite ? new SqliteEngine(benchOptions) : new PostgresEngine(benchOptions);

            // Start-up on a fresh database first, when nothing else runs; the first baseline start also
            // gives its procedure page's size without filler.
            var (startup, baselineBare) = await StartupsAsync(provider, tag, WebSeed.ProcedureSlug, cancellationToken);

            var watch = Stopwatch.StartNew();
            var accounts = await WebSeed.LoadAsync(engine, benchOptions, cancellationToken);
            await log.WriteLineAsync($"  seeded {accounts.Applications:N0} applications in {watch.Elapsed.TotalSeconds:N1} s");

            var (appProvider, appConnection, appData) = engine.AppDatabase;
            var appPort = Port();
            await using var app = await ServerProcess.StartAsync(appDll, appPort, AppEnvironment(appProvider, appConnection, appData, appPort), Path.Combine(work, $"app-{tag}.log"), cancellationToken);
            var citizen = await WebSignIn.SignInAsync(app.BaseUrl, accounts.CitizenEmail, WebSeed.Password, null, cancellationToken);
            var officer = await WebSignIn.SignInAsync(app.BaseUrl, accounts.OfficerEmail, WebSeed.Password, accounts.OfficerAuthenticatorKey, cancellationToken);
            var appPageBytes = await SizeAsync(app.BaseUrl + $"/tramites/{accounts.ProcedureSlug}", cancellationToken);

            var baselineDatabase = await BaselineDatabaseAsync(provider, tag, "main", cancellationToken);
            await using var baseline = await ServerProcess.StartAsync(baselineDll, Port(),
                BaselineEnvironment(provider, baselineDatabase, Math.Max(0, appPageBytes - baselineBare), appDll),
                Path.Combine(work, $"baseline-{tag}.log"), cancellationToken);
            var baselinePageBytes = await SizeAsync(baseline.BaseUrl + $"/tramites/{accounts.ProcedureSlug}", cancellationToken);

            try
            {
                var target = new Targets(accounts, citizen, officer, work, tag);
                await target.CheckAsync(app.BaseUrl, baseline.BaseUrl, cancellationToken);

                if (options.WarmupSeconds > 0)
                {
                    await log.WriteLineAsync($"  warm-up, {options.WarmupSeconds} s per path and app");
                    foreach (var path in Paths)
                    {
                        await MeasureAsync(target, path.Key, "w", app, baseline, options.WarmupSeconds, cancellationToken);
                    }
                }

                var runs = Paths.ToDictionary(p => p.Key, _ => (App: new List<WrkRun>(), Baseline: new List<WrkRun>(), Repeated: false));
                for (var round = 1; round <= options.Rounds; round++)
                {
                    loads.Add($"{DateTimeOffset.UtcNow:HH:mm:ss} {name} round {round}: {LoadAverage()}");
                    foreach (var path in Paths)
                    {
                        var (a, b, repeated) = await MeasureAsync(target, path.Key, $"r{round}", app, baseline, options.DurationSeconds, cancellationToken);
                        var entry = runs[path.Key];
                        entry.App.Add(a);
                        entry.Baseline.Add(b);
                        runs[path.Key] = entry with { Repeated = entry.Repeated || repeated };
                        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"  round {round} {path.Key,-18} app {a.RequestsPerSecond,9:N0} req/s  baseline {b.RequestsPerSecond,9:N0} req/s  ratio {a.RequestsPerSecond / b.RequestsPerSecond:N3}"));
                    }
                }

                var paths = Paths.Select(p => new PathResult(p.Key, p.Path, p.Baseline, p.Goal, p.GoalRatio, p.FiledRatio, runs[p.Key].App, runs[p.Key].Baseline,
                    [.. runs[p.Key].App.Zip(runs[p.Key].Baseline, (a, b) => a.RequestsPerSecond / b.RequestsPerSecond)], runs[p.Key].Repeated)).ToList();

                var peak = paths.Single(p => p.Key == "webhook-new").AppRequestsPerSecond;
                var paced = await PacedAsync(target, app, peak, cancellationToken);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  webhook at half peak: {paced.Run.RequestsPerSecond:N0} req/s, p99 {paced.Run.P99Ms:N1} ms"));

                var memory = await MixedAsync(target, app, baseline, cancellationToken);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  peak RSS app {memory.AppPeakMb:N0} MB, baseline {memory.BaselinePeakMb:N0} MB"));
                return new EngineWebResult(name, accounts.Applications, appPageBytes, baselinePageBytes, paths, paced, memory, startup);
            }
            finally
            {
                await app.DisposeAsync();
                await baseline.DisposeAsync();
                await DropBaselineDatabaseAsync(provider, baselineDatabase);
            }
        }

        private async Task<(WrkRun App, WrkRun Baseline, bool Repeated)> MeasureAsync(Targets target, string key, string round, ServerProcess app, ServerProcess baseline, int seconds, CancellationToken cancellationToken)
        {
            var (appRequest, baselineRequest, events) = await target.RequestsAsync(key, round, seconds, cancellationToken);
            var a = await Wrk.RunAsync(app.BaseUrl, appRequest, options.Connections, seconds, wrkLog, cancellationToken);
            var b = await Wrk.RunAsync(baseline.BaseUrl, baselineRequest, options.Connections, seconds, wrkLog, cancellationToken);
            return (a, b, events > 0 && a.Requests > events);
        }

        // wrk (not wrk2) has no fixed rate: a pause between requests on each connection of about what
        // one request took at the peak halves the rate (Little's law).
        private async Task<PacedResult> PacedAsync(Targets target, ServerProcess app, double peak, CancellationToken cancellationToken)
        {
            var delay = Math.Max(1, Math.Round(1000.0 * options.Connections / peak));
            var (request, _, _) = await target.RequestsAsync("webhook-new", "p", options.DurationSeconds, cancellationToken);
            var paced = request with { Script = Path.Combine(work, "webhook-paced.lua"), ScriptArguments = [.. request.ScriptArguments!, delay.ToString(CultureInfo.InvariantCulture)] };
            var run = await Wrk.RunAsync(app.BaseUrl, paced, options.Connections, options.DurationSeconds, wrkLog, cancellationToken);
            return new PacedResult(peak / 2, delay, run);
        }

        // Four paths at once on each server in turn (the procedure page, the status page, the queue,
        // new webhooks; the baseline's counterparts), then each process's peak resident memory.
        private async Task<MemoryResult> MixedAsync(Targets target, ServerProcess app, ServerProcess baseline, CancellationToken cancellationToken)
        {
            var connections = Math.Max(1, options.Connections / 4);
            async Task<double> LoadAsync(ServerProcess server, bool isApp)
            {
                var requests = new List<WrkRequest>();
                foreach (var key in new[] { "procedure", "status", "backoffice", "webhook-new" })
                {
                    var (a, b, _) = await target.RequestsAsync(key, isApp ? "ma" : "mb", options.MixedSeconds, cancellationToken);
                    requests.Add(isApp ? a : b);
                }

                var started = requests.Select(r => Wrk.RunAsync(server.BaseUrl, r, connections, options.MixedSeconds, wrkLog, cancellationToken)).ToList();

                return (await Task.WhenAll(started)).Sum(r => r.RequestsPerSecond);
            }

            var appRate = await LoadAsync(app, isApp: true);
            var baselineRate = await LoadAsync(baseline, isApp: false);
            var (appPeak, appNow) = app.Memory();
            var (baselinePeak, baselineNow) = baseline.Memory();
            return new MemoryResult(appPeak, appNow, baselinePeak, baselineNow, appRate, baselineRate);
        }

        private async Task<(StartupResult Result, int BaselineBareBytes)> StartupsAsync(DatabaseProvider provider, string tag, string slug, CancellationToken cancellationToken)
        {
            var appTimes = new List<double>();
            var baselineTimes = new List<double>();
            var bare = 0;
            for (var i = 1; i <= options.StartupRuns; i++)
            {
                var fresh = await FreshDatabaseAsync(provider, tag, $"app{i}", cancellationToken);
                try
                {
                    var port = Port();
                    await using var app = await ServerProcess.StartAsync(appDll, port, AppEnvironment(provider, fresh.ConnectionString, fresh.DataDirectory, port),
                        Path.Combine(work, $"startup-app-{tag}-{i}.log"), cancellationToken);
                    appTimes.Add(app.ReadyAfter.TotalSeconds);
                }
                finally
                {
                    await DropFreshAsync(provider, fresh);
                }

                var baselineFresh = await BaselineDatabaseAsync(provider, tag, $"startup{i}", cancellationToken);
                try
                {
                    await using var baseline = await ServerProcess.StartAsync(baselineDll, Port(), BaselineEnvironment(provider, baselineFresh, 0, appDll),
                        Path.Combine(work, $"startup-baseline-{tag}-{i}.log"), cancellationToken);
                    baselineTimes.Add(baseline.ReadyAfter.TotalSeconds);
                    if (i == 1)
                    {
                        bare = await SizeAsync(baseline.BaseUrl + $"/tramites/{slug}", cancellationToken);
                    }
                }
                finally
                {
                    await DropBaselineDatabaseAsync(provider, baselineFresh);
                }

                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  start-up {i}: app {appTimes[^1]:N2} s, baseline {baselineTimes[^1]:N2} s"));
            }

            return (new StartupResult(appTimes, baselineTimes), bare);
        }

        private static Dictionary<string, string?> AppEnvironment(DatabaseProvider provider, string? connectionString, string dataDirectory, int port) => new()
        {
            ["PublicBaseUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["Database__Provider"] = provider.ToString(),
            ["Database__ConnectionString"] = connectionString ?? "",
            ["Database__DataDirectory"] = dataDirectory,
            ["Payments__Stripe__SecretKey"] = "sk_test_mspas_webbench",
            ["Payments__Stripe__WebhookSecret"] = WebhookEvents.Secret,
            // Nothing measured calls the gateway; a background job that did would stay on this machine.
            ["Payments__Stripe__ApiBase"] = "http://127.0.0.1:9",
        };

        private static Dictionary<string, string?> BaselineEnvironment(DatabaseProvider provider, (string? ConnectionString, string DataDirectory) database, int filler, string appDll) => new()
        {
            ["Database__Provider"] = provider.ToString(),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Database__DataDirectory"] = database.DataDirectory,
            ["Baseline__FillerBytes"] = filler.ToString(CultureInfo.InvariantCulture),
            // The app's own files (site.css …), for a browser looking at the baseline.
            ["ASPNETCORE_WEBROOT"] = Path.Combine(Path.GetDirectoryName(appDll)!, "wwwroot"),
        };

        private async Task<(string? ConnectionString, string DataDirectory)> FreshDatabaseAsync(DatabaseProvider provider, string tag, string name, CancellationToken cancellationToken)
        {
            var directory = Directory.CreateDirectory(Path.Combine(work, $"fresh-{tag}-{name}")).FullName;
            await Task.CompletedTask;
            // PostgreSQL: a database that does not exist yet; the app creates and migrates it.
            return provider == DatabaseProvider.Sqlite
                ? (null, directory)
                : (new NpgsqlConnectionStringBuilder(options.Postgres) { Database = $"mspas_webfresh_{name}_{Guid.NewGuid():N}"[..40] }.ConnectionString, directory);
        }

        private Task<(string? ConnectionString, string DataDirectory)> BaselineDatabaseAsync(DatabaseProvider provider, string tag, string name, CancellationToken cancellationToken) =>
            FreshDatabaseAsync(provider, tag, "baseline-" + name, cancellationToken);

        private async Task DropFreshAsync(DatabaseProvider provider, (string? ConnectionString, string DataDirectory) database)
        {
            if (provider == DatabaseProvider.Postgres && database.ConnectionString is { } connectionString)
            {
                NpgsqlConnection.ClearAllPools();
                var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(database.DataDirectory, recursive: true);
        }

        private Task DropBaselineDatabaseAsync(DatabaseProvider provider, (string? ConnectionString, string DataDirectory) database) =>
            DropFreshAsync(provider, database);

        private static async Task<int> SizeAsync(string url, CancellationToken cancellationToken)
        {
            using var client = new HttpClient();
            var bytes = await client.GetByteArrayAsync(new Uri(url), cancellationToken);
            return bytes.Length;
        }
    }

    /// What each path sends to the app and to the baseline.
    private sealed class Targets(WebAccounts accounts, string citizenCookie, string officerCookie, string work, string tag)
    {
        private readonly string duplicate = WebhookEvents.Payload($"evt_{tag}duplicate{Guid.NewGuid():N}"[..36], DateTimeOffset.UtcNow);

        private string Script => Path.Combine(work, "webhook.lua");

        /// The requests of one run, and how many distinct new events its file holds (0: not a new-event path).
        public async Task<(WrkRequest App, WrkRequest Baseline, int Events)> RequestsAsync(string key, string round, int seconds, CancellationToken cancellationToken)
        {
            var procedure = $"/tramites/{accounts.ProcedureSlug}";
            return key switch
            {
                "procedure" => (new WrkRequest(procedure, []), new WrkRequest(procedure, []), 0),
                "status" => (new WrkRequest($"/mis-solicitudes/{accounts.ApplicationId}", [$"Cookie: {citizenCookie}"]), new WrkRequest("/fortunes", []), 0),
                "backoffice" => (new WrkRequest("/backoffice", [$"Cookie: {officerCookie}"]), new WrkRequest("/fortunes", []), 0),
                "webhook-new" => await NewEventsAsync(round, seconds, cancellationToken),
                "webhook-duplicate" => await DuplicateAsync(cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
            };
        }

        private async Task<(WrkRequest App, WrkRequest Baseline, int Events)> NewEventsAsync(string round, int seconds, CancellationToken cancellationToken)
        {
            var file = Path.Combine(work, $"events-{tag}-{round}.txt");
            var count = WebhookEvents.PerSecond * seconds;
            await WebhookEvents.WriteAsync(file, $"{tag}{round}x{Guid.NewGuid():N}"[..24], count, cancellationToken);
            return (new WrkRequest("/webhooks/stripe", [], Script, [file, "/webhooks/stripe"]),
                new WrkRequest("/webhooks/insert", [], Script, [file, "/webhooks/insert"]), count);
        }

        private async Task<(WrkRequest App, WrkRequest Baseline, int Events)> DuplicateAsync(CancellationToken cancellationToken)
        {
            // Signed again for each run: Stripe.net refuses a signature older than five minutes.
            var file = Path.Combine(work, $"duplicate-{tag}.txt");
            var now = DateTimeOffset.UtcNow;
            await File.WriteAllTextAsync(file, $"{WebhookEvents.Sign(duplicate, now)}\t{duplicate}\n", cancellationToken);
            return (new WrkRequest("/webhooks/stripe", [], Script, [file, "/webhooks/stripe"]), new WrkRequest("/fortunes", []), 0);
        }

        /// Each path answers 200 on both servers before anything is timed (wrk counts a redirect to the
        /// sign-in page as a success). The duplicate event is received here once, as new.
        public async Task CheckAsync(string app, string baseline, CancellationToken cancellationToken)
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            foreach (var path in Paths)
            {
                var (a, b, _) = await RequestsAsync(path.Key, "check", 1, cancellationToken);
                foreach (var (server, request) in new[] { (app, a), (baseline, b) })
                {
                    using var message = await ToMessageAsync(server, request, cancellationToken);
                    using var response = await client.SendAsync(message, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}, not 200: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    }
                }
            }
        }

        private static async Task<HttpRequestMessage> ToMessageAsync(string server, WrkRequest request, CancellationToken cancellationToken)
        {
            if (request.Script is null)
            {
                var get = new HttpRequestMessage(HttpMethod.Get, new Uri(server + request.Path));
                foreach (var header in request.Headers)
                {
                    var (name, value) = (header[..header.IndexOf(':', StringComparison.Ordinal)], header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                    get.Headers.TryAddWithoutValidation(name, value);
                }

                return get;
            }

            // The first event of the run's file, as the Lua script sends it.
            var line = (await File.ReadAllLinesAsync(request.ScriptArguments![0], cancellationToken))[0];
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var post = new HttpRequestMessage(HttpMethod.Post, new Uri(server + request.ScriptArguments[1]))
            {
                Content = new StringContent(line[(tab + 1)..], Encoding.UTF8, "application/json"),
            };
            post.Headers.TryAddWithoutValidation("Stripe-Signature", line[..tab]);
            return post;
        }
    }
}
