using Microsoft.EntityFrameworkCore;

namespace MspasTramite.Bench.Baseline;

public sealed class Fortune
{
    public int Id { get; set; }
    public required string Message { get; set; }
}

public sealed class ReceivedEvent
{
    public Guid Id { get; set; }
    public int Length { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

public sealed class BaselineDb(DbContextOptions<BaselineDb> options) : DbContext(options)
{
    public DbSet<Fortune> Fortunes => Set<Fortune>();
    public DbSet<ReceivedEvent> Events => Set<ReceivedEvent>();

    /// The schema and the 12 rows, at every start (the benchmark times this start on a fresh database).
    public static async Task CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BaselineDb>();
        await db.Database.EnsureCreatedAsync();
        if (db.Database.IsSqlite())
        {
            // The app's database is in WAL mode too (DatabaseInitializer); the mode stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }

        if (!await db.Fortunes.AnyAsync())
        {
            db.Fortunes.AddRange(Enumerable.Range(1, 12).Select(i => new Fortune { Id = i, Message = Messages[i - 1] }));
            await db.SaveChangesAsync();
        }
    }

    private static readonly string[] Messages =
    [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ];
}

/// Text that brings the baseline's procedure page to the app's page's size in bytes (the benchmark
/// measures the app's page and passes the difference as Baseline:FillerBytes).
public sealed class ProcedureFiller(int bytes)
{
    // ASCII only, so that characters are bytes.
    private const string Sentence = "Requisito con su base legal, el arancel, el plazo legal y los pasos del tramite. ";

    public string Text { get; } = string.Concat(Enumerable.Repeat(Sentence, (Math.Max(bytes, 0) / Sentence.Length) + 1))[..Math.Max(bytes, 0)];
}
