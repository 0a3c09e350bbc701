using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Review;

/// Guatemala's public holidays (Código de Trabajo, Decreto 1441, art. 127) as public offices observe
/// them, seeded once so legal times count in working days from the first start. From then on they
/// are data the administrator edits at /admin/feriados (a local fair such as 15 August in the capital,
/// a day the Executive grants, a correction): the seed never runs again on a table with rows.
public static class GuatemalaHolidays
{
    public const int FirstSeededYear = 2024;
    public const int LastSeededYear = 2030;

    /// The holidays of one year, in date order.
    public static IReadOnlyList<Holiday> For(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new() { Date = new DateOnly(year, 1, 1), Name = "Año Nuevo" },
            new() { Date = easter.AddDays(-3), Name = "Jueves Santo" },
            new() { Date = easter.AddDays(-2), Name = "Viernes Santo" },
            new() { Date = new DateOnly(year, 5, 1), Name = "Día del Trabajo" },
            ArmyDay(year),
            new() { Date = new DateOnly(year, 9, 15), Name = "Día de la Independencia" },
            new() { Date = new DateOnly(year, 10, 20), Name = "Día de la Revolución de 1944" },
            new() { Date = new DateOnly(year, 11, 1), Name = "Día de Todos los Santos" },
            // The law gives the afternoons of 24 and 31 December (from 12:00); public offices close the
            // whole day, and a legal time counts whole days, so both are whole holidays here.
            new() { Date = new DateOnly(year, 12, 24), Name = "Nochebuena" },
            new() { Date = new DateOnly(year, 12, 25), Name = "Navidad" },
            new() { Date = new DateOnly(year, 12, 31), Name = "Fin de año" },
        ];
    }

    /// Every holiday from <paramref name="fromYear"/> to <paramref name="toYear"/>, in date order.
    public static IReadOnlyList<Holiday> Build(int fromYear = FirstSeededYear, int toYear = LastSeededYear) =>
        [.. Enumerable.Range(fromYear, toYear - fromYear + 1).SelectMany(For)];

    /// Easter Sunday in the Gregorian calendar: the "anonymous" algorithm (Meeus, Jones, Butcher),
    /// exact for every Gregorian year.
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// Seeds the holidays of FirstSeededYear–LastSeededYear only while the table is empty, so an
    /// administrator's edits (a deleted or renamed day) are never undone by a restart.
    public static async Task EnsureSeededAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Holidays.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.Holidays.AddRange(Build());
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two replicas starting together can both see an empty table: the other one's rows won.
            db.ChangeTracker.Clear();
            if (!await db.Holidays.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    // Día del Ejército is the one art. 127 holiday that moves: Decreto 42-2010 art. 2 (reformed by
    // Decreto 19-2018) takes it to the Monday before when 30 June is a Tuesday or Wednesday, and to the
    // Monday after when it is a Thursday to Sunday. The Constitutional Court (16 April 2020) left the
    // move in force only for this day, not for 1 May or 20 October.
    private static Holiday ArmyDay(int year)
    {
        var day = new DateOnly(year, 6, 30);
        var observed = day.DayOfWeek switch
        {
            DayOfWeek.Monday => day,
            DayOfWeek.Tuesday or DayOfWeek.Wednesday => day.AddDays(DayOfWeek.Monday - day.DayOfWeek),
            _ => day.AddDays((7 - (int)day.DayOfWeek + (int)DayOfWeek.Monday) % 7),
        };
        return new Holiday
        {
            Date = observed,
            Name = observed == day ? "Día del Ejército" : "Día del Ejército (30 de junio, se goza el lunes)",
        };
    }
}
