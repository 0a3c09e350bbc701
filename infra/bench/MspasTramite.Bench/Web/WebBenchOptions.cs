using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MspasTramite.Bench.Web;

/// What `MspasTramite.Bench web` measures and how long (../../README.md, "Web benchmark").
[SuppressMessage("Maintainability", "CA1515", Justification = "The smoke test in MspasTramite.Web.Tests runs the benchmark in-process.")]
public sealed record WebBenchOptions
{
    /// The repository: the projects published, and the commit the report names.
    public required string Repository { get; init; }

    /// Where WEB-REPORT.md and web-report.json are written.
    public required string OutputDirectory { get; init; }

    /// Already built outputs (the folder of MspasTramite.Web.dll / MspasTramite.Bench.Baseline.dll)
    /// instead of publishing both in Release: the smoke test uses the solution's build.
    public string? AppDirectory { get; init; }
    public string? BaselineDirectory { get; init; }

    public int Rounds { get; init; } = 5;
    public int DurationSeconds { get; init; } = 5;
    public int WarmupSeconds { get; init; } = 2;
    public int MixedSeconds { get; init; } = 10;
    public int StartupRuns { get; init; } = 3;
    public int Connections { get; init; } = 16;

    /// Applications in the app's database (the back-office queue's "small DB"), and the accounts.
    public int Count { get; init; } = 10_000;
    public int Applicants { get; init; } = 1_000;
    public int Analysts { get; init; } = 20;

    public bool Sqlite { get; init; } = true;

    /// Npgsql connection string of a server; the bench creates its databases there and drops them.
    public string? Postgres { get; init; }

    /// First of the ten 127.0.0.1 ports used; 0 picks free ports (the smoke test, beside other runs).
    public int PortBase { get; init; } = 58100;

    public bool Smoke { get; init; }

    /// What the run is, for the report's title ("before", "after the drawing cache" …).
    public string? Label { get; init; }

    /// Keeps the work folder (published apps, logs, wrk's outputs) afterwards.
    public bool Keep { get; init; }

    public const string Usage = """
        MspasTramite.Bench web: the app against a bare ASP.NET Core baseline, path by path (issue 12).

          --postgres CS      also on PostgreSQL: an Npgsql connection string to a server
          --skip-sqlite      only PostgreSQL
          --rounds N         interleaved rounds, app then baseline, per path (default 5)
          --duration S       seconds of each wrk run (default 5), after --warmup S (default 2) per path
          --mixed S          seconds of the mixed load whose peak RSS is reported (default 10)
          --startup-runs N   starts on a fresh database, per app and engine (default 3)
          --connections N    wrk connections (default 16, one thread)
          --count N          applications in the app's database (default 10000)
          --port-base N      first of ten 127.0.0.1 ports (default 58100)
          --app-dir DIR      use this build of MspasTramite.Web instead of publishing it
          --baseline-dir DIR use this build of the baseline instead of publishing it
          --out DIR          where WEB-REPORT.md and web-report.json go (default infra/bench)
          --label TEXT       what this run is, in the report's title ("before", "after …")
          --smoke            a few seconds: 1 round of 1-second runs on 200 applications
          --keep             keep the work folder in /tmp
        """;

    private static readonly Dictionary<string, Func<WebBenchOptions, int, WebBenchOptions>> NumberOptions = new()
    {
        ["--rounds"] = (o, n) => o with { Rounds = n },
        ["--duration"] = (o, n) => o with { DurationSeconds = n },
        ["--warmup"] = (o, n) => o with { WarmupSeconds = n },
        ["--mixed"] = (o, n) => o with { MixedSeconds = n },
        ["--startup-runs"] = (o, n) => o with { StartupRuns = n },
        ["--connections"] = (o, n) => o with { Connections = n },
        ["--count"] = (o, n) => o with { Count = n },
        ["--port-base"] = (o, n) => o with { PortBase = n },
    };

    private static readonly Dictionary<string, Func<WebBenchOptions, string, WebBenchOptions>> TextOptions = new()
    {
        ["--postgres"] = (o, s) => o with { Postgres = s },
        ["--app-dir"] = (o, s) => o with { AppDirectory = Path.GetFullPath(s) },
        ["--baseline-dir"] = (o, s) => o with { BaselineDirectory = Path.GetFullPath(s) },
        ["--out"] = (o, s) => o with { OutputDirectory = Path.GetFullPath(s) },
        ["--label"] = (o, s) => o with { Label = s },
    };

    public static WebBenchOptions Parse(string[] args, string repository)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new WebBenchOptions { Repository = repository, OutputDirectory = Path.Combine(repository, "infra", "bench") };
        if (args.Contains("--smoke"))
        {
            options = options.AsSmoke();
        }

        var queue = new Queue<string>(args);
        while (queue.TryDequeue(out var option))
        {
            string Value() => queue.TryDequeue(out var value) ? value : throw new ArgumentException($"{option} needs a value.");
            if (NumberOptions.TryGetValue(option, out var number))
            {
                options = number(options, int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture));
                continue;
            }

            if (TextOptions.TryGetValue(option, out var text))
            {
                options = text(options, Value());
                continue;
            }

            options = option switch
            {
                "--skip-sqlite" => options with { Sqlite = false },
                "--keep" => options with { Keep = true },
                "--smoke" => options,
                _ => throw new ArgumentException($"Unknown option {option}."),
            };
        }

        if (options.Rounds < 1 || options.DurationSeconds < 1 || options.WarmupSeconds < 0 || options.MixedSeconds < 1
            || options.StartupRuns < 1 || options.Connections < 1 || options.Count < 50)
        {
            throw new ArgumentException("Rounds, durations, runs and connections must be positive, and --count at least 50.");
        }

        if (!options.Sqlite && options.Postgres is null)
        {
            throw new ArgumentException("--skip-sqlite leaves nothing to measure without --postgres.");
        }

        return options;
    }

    /// One round of 1-second runs on a tiny database: proves the harness works, measures nothing.
    public WebBenchOptions AsSmoke() => this with
    {
        Smoke = true,
        Rounds = 1,
        DurationSeconds = 1,
        WarmupSeconds = 0,
        MixedSeconds = 1,
        StartupRuns = 1,
        Count = 200,
        Applicants = 20,
        Analysts = 3,
    };
}
