using System.Globalization;

namespace MspasTramite.Bench;

internal sealed record BenchOptions
{
    public int Count { get; init; } = 1_000_000;

    /// Every size to measure (`--count 10000,1000000`); each gets a database of its own per engine.
    public IReadOnlyList<int> Counts { get; init; } = [1_000_000];

    /// What to measure: the back office's queue, the KPIs (rollup build, dashboard), or both.
    public bool Queue { get; init; } = true;
    public bool Kpi { get; init; } = true;
    public int Applicants { get; init; } = 5_000;
    public int Analysts { get; init; } = 50;
    public int Warmup { get; init; } = 3;
    public int Runs { get; init; } = 20;
    public int Seed { get; init; } = 20261124;

    /// Npgsql connection string of a server (any database; the bench creates its own and drops it).
    public string? Postgres { get; init; }

    public bool SkipSqlite { get; init; }

    /// The app never runs ANALYZE on SQLite: without statistics its planner may choose otherwise.
    public bool Analyze { get; init; } = true;

    /// Compares each view's page with ReferenceQueue (the query before the bench), once, untimed.
    public bool Reference { get; init; } = true;

    /// Keeps the SQLite file and the PostgreSQL database afterwards, to look at them by hand.
    public bool Keep { get; init; }

    /// Where the Markdown results (timings, SQL, plans) are written; nothing is written without it.
    public string? Output { get; init; }

    public const string Usage = """
        MspasTramite.Bench: the back office's work queue (WorkQueues.QueryAsync) on a database of N applications.

          --count N[,N...]   applications to insert (default 1000000); several sizes run one after the other
          --only queue|kpi   only the work queue's views, or only the KPIs (rollup backfill and refresh, dashboard)
          --applicants N     citizen accounts (default 5000)
          --analysts N       analysts the open files are assigned to (default 50)
          --runs N           timed runs per query (default 20), after --warmup N (default 3)
          --seed N           seed of the generated data (default 20261124)
          --postgres CS      also on PostgreSQL: an Npgsql connection string to a server
          --skip-sqlite      only PostgreSQL
          --no-analyze       leave the statistics as the app leaves them (no ANALYZE; on PostgreSQL no VACUUM)
          --no-reference     skip comparing each page with the query before the bench (slow on SQLite)
          --out FILE         write the results as Markdown to FILE
          --keep             keep the SQLite file and the PostgreSQL database
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--count" => options with { Counts = [.. Next().Split(',').Select(n => int.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture))] },
                "--only" => Next() switch
                {
                    "queue" => options with { Queue = true, Kpi = false },
                    "kpi" => options with { Queue = false, Kpi = true },
                    var other => throw new ArgumentException($"--only takes queue or kpi, not {other}."),
                },
                "--applicants" => options with { Applicants = NextInt() },
                "--analysts" => options with { Analysts = NextInt() },
                "--warmup" => options with { Warmup = NextInt() },
                "--runs" => options with { Runs = NextInt() },
                "--seed" => options with { Seed = NextInt() },
                "--postgres" => options with { Postgres = Next() },
                "--skip-sqlite" => options with { SkipSqlite = true },
                "--no-reference" => options with { Reference = false },
                "--no-analyze" => options with { Analyze = false },
                "--out" => options with { Output = Next() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        options = options with { Count = options.Counts[0] };
        if (options.Counts.Any(c => c < 1) || options.Applicants < 1 || options.Analysts < 1 || options.Runs < 1 || options.Warmup < 0)
        {
            throw new ArgumentException("Counts must be positive.");
        }

        if (options.SkipSqlite && options.Postgres is null)
        {
            throw new ArgumentException("--skip-sqlite leaves nothing to measure without --postgres.");
        }

        return options;
    }
}
