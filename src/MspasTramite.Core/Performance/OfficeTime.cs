using MspasTramite.Core.Applications;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Performance;

/// Minutes of office time (working days, within opening hours, Guatemala time) between two instants:
/// the measure of officer time from claim to decision. It is an upper bound on the work a file took
/// (an officer has several files open at once), and says so on the dashboard.
public static class OfficeTime
{
    public static long Minutes(DateTimeOffset from, DateTimeOffset to, WorkingCalendar calendar, PerformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        if (to <= from || options.OfficeCloses <= options.OfficeOpens)
        {
            return 0;
        }

        long minutes = 0;
        for (var day = GuatemalaTime.Today(from); day <= GuatemalaTime.Today(to); day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            var opens = new DateTimeOffset(day.ToDateTime(options.OfficeOpens), GuatemalaTime.Offset);
            var closes = new DateTimeOffset(day.ToDateTime(options.OfficeCloses), GuatemalaTime.Offset);
            var begin = from > opens ? from : opens;
            var end = to < closes ? to : closes;
            if (end > begin)
            {
                minutes += (long)Math.Floor((end - begin).TotalMinutes);
            }
        }

        return minutes;
    }
}
