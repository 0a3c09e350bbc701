using System.Globalization;

namespace MspasTramite.Core.Applications;

/// Guatemala keeps UTC−6 all year (no daylight saving), so a fixed offset is exact.
public static class GuatemalaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-6);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static string FormatDate(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// The instant a Guatemala day starts (00:00 UTC−6).
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
