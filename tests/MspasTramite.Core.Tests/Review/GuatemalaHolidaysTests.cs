using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Review;

/// The holidays seeded at first start: Código de Trabajo art. 127 with Easter computed, Día del
/// Ejército moved as Decreto 19-2018 says, and never seeded over an administrator's edits.
public sealed class GuatemalaHolidaysTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"holidays-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2038, "2038-04-25")] // the latest possible date
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    [InlineData(1961, "1961-04-02")]
    public void EasterSunday_MatchesTheGregorianTables(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), GuatemalaHolidays.EasterSunday(year));
    }

    [Fact]
    public void For2026_IsTheArticle127Days()
    {
        var holidays = GuatemalaHolidays.For(2026).Select(h => (h.Date, h.Name)).ToList();

        Assert.Equal(
        [
            (new DateOnly(2026, 1, 1), "Año Nuevo"),
            (new DateOnly(2026, 4, 2), "Jueves Santo"),
            (new DateOnly(2026, 4, 3), "Viernes Santo"),
            (new DateOnly(2026, 5, 1), "Día del Trabajo"),
            (new DateOnly(2026, 6, 29), "Día del Ejército (30 de junio, se goza el lunes)"),
            (new DateOnly(2026, 9, 15), "Día de la Independencia"),
            (new DateOnly(2026, 10, 20), "Día de la Revolución de 1944"),
            (new DateOnly(2026, 11, 1), "Día de Todos los Santos"),
            (new DateOnly(2026, 12, 24), "Nochebuena"),
            (new DateOnly(2026, 12, 25), "Navidad"),
            (new DateOnly(2026, 12, 31), "Fin de año"),
        ], holidays);
    }

    // 2021–2023 are the days the Ministerio de Trabajo announced; the rest follow the same rule.
    [Theory]
    [InlineData(2021, "2021-06-28")] // Wednesday: the Monday before
    [InlineData(2022, "2022-07-04")] // Thursday: the Monday after
    [InlineData(2023, "2023-07-03")] // Friday: the Monday after
    [InlineData(2024, "2024-07-01")] // Sunday: the Monday after
    [InlineData(2025, "2025-06-30")] // Monday: stays
    [InlineData(2026, "2026-06-29")] // Tuesday: the Monday before
    [InlineData(2027, "2027-06-28")]
    [InlineData(2028, "2028-07-03")]
    [InlineData(2029, "2029-07-02")] // Saturday: the Monday after
    [InlineData(2030, "2030-07-01")]
    public void ArmyDay_IsEnjoyedOnAMonday(int year, string expected)
    {
        var armyDay = GuatemalaHolidays.For(year).Single(h => h.Name.StartsWith("Día del Ejército", StringComparison.Ordinal));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), armyDay.Date);
        Assert.Equal(DayOfWeek.Monday, armyDay.Date.DayOfWeek);
    }

    [Fact]
    public void Build_Covers2024To2030_ElevenDaysEach()
    {
        var all = GuatemalaHolidays.Build();

        Assert.Equal(77, all.Count);
        Assert.Equal(all.Count, all.Select(h => h.Date).Distinct().Count());
        Assert.Equal(Enumerable.Range(2024, 7), all.Select(h => h.Date.Year).Distinct().Order());
        Assert.All(all.GroupBy(h => h.Date.Year), year => Assert.Equal(11, year.Count()));
        Assert.All(all, h => Assert.InRange(h.Name.Length, 1, 120));
        Assert.All(all.Where(h => h.Name == "Jueves Santo"), h => Assert.Equal(DayOfWeek.Thursday, h.Date.DayOfWeek));
        Assert.All(all.Where(h => h.Name == "Viernes Santo"), h => Assert.Equal(DayOfWeek.Friday, h.Date.DayOfWeek));
        Assert.Equal(all.OrderBy(h => h.Date).Select(h => h.Date), all.Select(h => h.Date));
    }

    [Fact]
    public async Task EnsureSeeded_OnEmptyTable_AddsEveryHoliday()
    {
        await using (var db = NewContext())
        {
            await GuatemalaHolidays.EnsureSeededAsync(db);
        }

        await using var check = NewContext();
        var stored = await check.Holidays.OrderBy(h => h.Date).Select(h => new { h.Date, h.Name }).ToListAsync();
        Assert.Equal(GuatemalaHolidays.Build().Select(h => new { h.Date, h.Name }), stored);
    }

    [Fact]
    public async Task EnsureSeeded_AfterAdministratorsEdits_ChangesNothing()
    {
        await using (var db = NewContext())
        {
            await GuatemalaHolidays.EnsureSeededAsync(db);
        }

        await using (var admin = NewContext())
        {
            admin.Holidays.Remove(await admin.Holidays.SingleAsync(h => h.Date == new DateOnly(2026, 12, 24)));
            admin.Holidays.Add(new Holiday { Date = new DateOnly(2026, 8, 15), Name = "Virgen de la Asunción (ciudad de Guatemala)" });
            await admin.SaveChangesAsync();
        }

        await using (var restart = NewContext())
        {
            await GuatemalaHolidays.EnsureSeededAsync(restart);
        }

        await using var check = NewContext();
        Assert.False(await check.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 12, 24)));
        Assert.True(await check.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 8, 15)));
        Assert.Equal(77, await check.Holidays.CountAsync());
    }

    [Fact]
    public async Task LoadAsync_ReadsTheSeededHolidaysAroundNow()
    {
        await using (var db = NewContext())
        {
            await GuatemalaHolidays.EnsureSeededAsync(db);
        }

        await using var read = NewContext();
        var calendar = await WorkingCalendar.LoadAsync(read, new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(-6)));

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 12, 31)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2029, 3, 29)));
        Assert.Equal(new DateOnly(2026, 4, 7), calendar.AddWorkingDays(new DateOnly(2026, 4, 1), 2));
    }

    private SqliteAppDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "holidays.db")}")
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);
}
