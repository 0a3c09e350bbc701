using System.Globalization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Performance;

public sealed class KpiMathTests
{
    private static readonly WorkingCalendar October2026 = new([new DateOnly(2026, 10, 20)]);

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(0.9, 10)]
    [InlineData(0.1, 1)]
    [InlineData(1.0, 10)]
    public void Percentile_IsTheNearestRank(double share, int expected)
    {
        // 1, 2, 3, 3, 10: rank ⌈share × 5⌉.
        Assert.Equal(expected, KpiDashboard.Percentile([(1, 1), (2, 1), (3, 2), (10, 1)], share));
    }

    [Theory]
    [InlineData("2026-10-01", "2026-10-31", "2026-09-01", "2026-09-30")] // a month against the one before
    [InlineData("2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28")] // a longer month against a shorter one
    [InlineData("2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30")] // a quarter against the one before
    [InlineData("2025-01-01", "2025-12-31", "2024-01-01", "2024-12-31")] // a year against a leap year
    [InlineData("2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31")] // across a new year
    [InlineData("2026-10-02", "2026-10-31", "2026-09-02", "2026-10-01")] // not whole months: as many days
    [InlineData("2026-10-01", "2026-10-30", "2026-09-01", "2026-09-30")]
    [InlineData("2026-10-15", "2026-10-15", "2026-10-14", "2026-10-14")]
    public void Previous_IsAsManyWholeMonthsWhenThePeriodIsWholeMonths_ElseAsManyDays(string from, string to, string previousFrom, string previousTo)
    {
        var period = new KpiPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));

        Assert.Equal(new KpiPeriod(DateOnly.Parse(previousFrom, CultureInfo.InvariantCulture), DateOnly.Parse(previousTo, CultureInfo.InvariantCulture)), period.Previous);
    }

    [Fact]
    public void Percentile_OfNothing_IsNull() => Assert.Null(KpiDashboard.Percentile([], 0.5));

    [Fact]
    public void MonthsOf_GivesEachMonthTheShareOfItsDaysInThePeriod()
    {
        var months = KpiDashboard.MonthsOf(new KpiPeriod(new DateOnly(2026, 9, 16), new DateOnly(2026, 11, 15)));

        Assert.Equal(
            [(new DateOnly(2026, 9, 1), 15m / 30m), (new DateOnly(2026, 10, 1), 1m), (new DateOnly(2026, 11, 1), 15m / 30m)],
            months);
    }

    [Fact]
    public void Split_TakesWholeMonthsAndLeavesTheEdgesAsDays()
    {
        var (months, edges) = DurationHistograms.Split(new KpiPeriod(new DateOnly(2026, 9, 16), new DateOnly(2026, 12, 31)));

        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)], months);
        Assert.Equal([new KpiPeriod(new DateOnly(2026, 9, 16), new DateOnly(2026, 9, 30))], edges);
    }

    [Fact]
    public void Split_WithinOneMonth_IsAllDays()
    {
        var period = new KpiPeriod(new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 30));
        var (months, edges) = DurationHistograms.Split(period);

        Assert.Empty(months);
        Assert.Equal([period], edges);
    }

    [Fact]
    public void Split_OfAWholeMonth_IsThatMonth()
    {
        var (months, edges) = DurationHistograms.Split(KpiPeriod.Month(2026, 2));

        Assert.Equal([new DateOnly(2026, 2, 1)], months);
        Assert.Empty(edges);
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(47.9, 47)]
    [InlineData(48, 48)]
    [InlineData(71.9, 48)]
    [InlineData(214, 192)]
    public void DwellBucket_IsHoursUpToTwoDaysThenWholeDays(double hours, int expected) =>
        Assert.Equal(expected, DurationHistograms.DwellBucket(hours));

    [Fact]
    public void OfficeTime_CountsOnlyOpeningHoursOfWorkingDays()
    {
        var options = new PerformanceOptions();
        // Friday 16 October 15:00 to Wednesday 21 October 09:00: Friday 1 h, Monday 8 h, Tuesday 20 is a
        // holiday, Wednesday 1 h.
        var minutes = OfficeTime.Minutes(At(2026, 10, 16, 15), At(2026, 10, 21, 9), October2026, options);

        Assert.Equal(10 * 60, minutes);
    }

    [Fact]
    public void OfficeTime_OutsideHoursOrBackwards_IsZero()
    {
        var options = new PerformanceOptions();

        Assert.Equal(0, OfficeTime.Minutes(At(2026, 10, 16, 17), At(2026, 10, 16, 23), October2026, options));
        Assert.Equal(0, OfficeTime.Minutes(At(2026, 10, 16, 12), At(2026, 10, 16, 9), October2026, options));
    }

    [Theory]
    [InlineData("Me atendieron bien.", "Me atendieron bien.")]
    [InlineData("Soy ana@correo.gt", "Soy [correo]")]
    [InlineData("Expediente DRCA-2026-000123 lento", "Expediente [expediente] lento")]
    [InlineData("Licencia DRCA-LIC-2026-000001.", "Licencia [expediente].")]
    [InlineData("Llamen al 5555 1234", "Llamen al [número]")]
    [InlineData("Pagué Q500 en 2 días", "Pagué Q500 en 2 días")]
    public void Anonymise_RemovesWhatPointsToAPersonOrAFile(string comment, string expected) =>
        Assert.Equal(expected, KpiDashboard.Anonymise(comment));

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, GuatemalaTime.Offset);
}
