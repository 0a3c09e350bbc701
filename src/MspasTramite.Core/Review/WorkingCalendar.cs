using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Review;

/// Working-day arithmetic on Guatemala dates: Saturdays, Sundays and the public holidays in the
/// Holidays table do not count. Legal times are counted in these days (or in calendar days when the
/// procedure says so).
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays)
{
    private readonly HashSet<DateOnly> holidays = [.. holidays];

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// The day on which `days` working days after `start` have passed; `start` itself does not count
    /// (a file received on Monday with 1 working day is due on Tuesday).
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// Working days after `from` up to and including `to`; 0 when `to` is not after `from`.
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    public DateOnly Add(DateOnly start, int days, LegalTimeUnit unit) =>
        unit == LegalTimeUnit.CalendarDays ? start.AddDays(days) : AddWorkingDays(start, days);

    public int Between(DateOnly from, DateOnly to, LegalTimeUnit unit) =>
        unit == LegalTimeUnit.CalendarDays ? Math.Max(0, to.DayNumber - from.DayNumber) : WorkingDaysBetween(from, to);

    /// Reads the holidays around `around` (a few years each way: every legal time fits).
    public static async Task<WorkingCalendar> LoadAsync(AppDbContext db, DateTimeOffset around, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = GuatemalaTime.Today(around);
        var from = today.AddYears(-2);
        var to = today.AddYears(3);
        var days = await db.Holidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).Select(h => h.Date)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new WorkingCalendar(days);
    }
}
