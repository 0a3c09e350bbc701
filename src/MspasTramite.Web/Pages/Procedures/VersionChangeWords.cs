using System.Globalization;

namespace MspasTramite.Web.Pages.Procedures;

/// Reads back the invariant values VersionChanges writes ("30 WorkingDays") for the Spanish partial.
public static class VersionChangeWords
{
    public static string LegalTime(string? value, string workingDaysFormat, string calendarDaysFormat)
    {
        var parts = value?.Split(' ', 2);
        if (parts is not [var days, var unit] || !int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return value ?? "—";
        }

        return string.Format(CultureInfo.CurrentCulture, unit == "CalendarDays" ? calendarDaysFormat : workingDaysFormat, n);
    }
}
