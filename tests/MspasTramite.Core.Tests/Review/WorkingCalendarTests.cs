using MspasTramite.Core.Procedures;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Tests.Review;

/// Working-day arithmetic on the seeded Guatemala holidays: weekends and holidays do not count, the
/// day a file is received does not count, and calendar-day legal times ignore both.
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(GuatemalaHolidays.Build().Select(h => h.Date));

    [Fact]
    public void AddWorkingDays_AcrossHolyWeek_SkipsThursdayFridayAndWeekend()
    {
        // Jueves Santo 2 April, Viernes Santo 3 April 2026, then Saturday and Sunday.
        var received = new DateOnly(2026, 4, 1);

        Assert.Equal(new DateOnly(2026, 4, 6), Calendar.AddWorkingDays(received, 1));
        Assert.Equal(new DateOnly(2026, 4, 7), Calendar.AddWorkingDays(received, 2));
    }

    [Fact]
    public void AddWorkingDays_FromFriday_LandsOnMonday()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Calendar.AddWorkingDays(new DateOnly(2026, 11, 20), 1));
    }

    [Fact]
    public void AddWorkingDays_FromSaturday_CountsFromMonday()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Calendar.AddWorkingDays(new DateOnly(2026, 11, 21), 1));
        Assert.Equal(new DateOnly(2026, 11, 24), Calendar.AddWorkingDays(new DateOnly(2026, 11, 21), 2));
    }

    [Fact]
    public void AddWorkingDays_OverChristmas_SkipsNochebuenaNavidadAndWeekend()
    {
        // Wednesday 23 December 2026; 24 and 25 are holidays, 26 and 27 a weekend, 31 a holiday.
        var received = new DateOnly(2026, 12, 23);

        Assert.Equal(new DateOnly(2026, 12, 28), Calendar.AddWorkingDays(received, 1));
        Assert.Equal(new DateOnly(2026, 12, 30), Calendar.AddWorkingDays(received, 3));
        Assert.Equal(new DateOnly(2027, 1, 4), Calendar.AddWorkingDays(received, 4));
    }

    [Fact]
    public void AddWorkingDays_Zero_IsTheStartEvenOnANonWorkingDay()
    {
        Assert.Equal(new DateOnly(2026, 4, 1), Calendar.AddWorkingDays(new DateOnly(2026, 4, 1), 0));
        Assert.Equal(new DateOnly(2026, 4, 3), Calendar.AddWorkingDays(new DateOnly(2026, 4, 3), 0));
        Assert.Equal(new DateOnly(2026, 4, 3), Calendar.Add(new DateOnly(2026, 4, 3), 0, LegalTimeUnit.WorkingDays));
        Assert.Equal(new DateOnly(2026, 4, 3), Calendar.Add(new DateOnly(2026, 4, 3), 0, LegalTimeUnit.CalendarDays));
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(new DateOnly(2026, 4, 1), -1));
    }

    [Fact]
    public void AddWorkingDays_SixtyDays_SkipsEveryHolidayOnTheWay()
    {
        // 60 working days from Monday 2 March 2026 would end on Monday 25 May (12 weeks); Jueves
        // Santo, Viernes Santo and 1 May push the end three working days later.
        var due = Calendar.AddWorkingDays(new DateOnly(2026, 3, 2), 60);

        Assert.Equal(new DateOnly(2026, 5, 28), due);
        Assert.Equal(60, Calendar.WorkingDaysBetween(new DateOnly(2026, 3, 2), due));
    }

    [Fact]
    public void IsWorkingDay_ArmyDayMovedToMonday_TuesdayThirtiethWorks()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 6, 29)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 6, 30)));
    }

    [Fact]
    public void WorkingDaysBetween_AcrossHolyWeek_CountsOnlyWorkingDays()
    {
        Assert.Equal(2, Calendar.WorkingDaysBetween(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 7)));
        Assert.Equal(1, Calendar.WorkingDaysBetween(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 6)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 5)));
    }

    [Fact]
    public void WorkingDaysBetween_WhenToIsNotAfterFrom_IsZero()
    {
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 4, 7), new DateOnly(2026, 4, 7)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 4, 7), new DateOnly(2026, 4, 1)));
    }

    [Theory]
    [InlineData(2026, 3, 30)]
    [InlineData(2026, 12, 18)]
    [InlineData(2027, 3, 22)]
    [InlineData(2029, 6, 27)]
    public void WorkingDaysBetween_UndoesAddWorkingDays(int year, int month, int day)
    {
        var start = new DateOnly(year, month, day);
        foreach (var days in (int[])[0, 1, 2, 5, 10, 20, 60])
        {
            Assert.Equal(days, Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, days)));
        }
    }

    [Fact]
    public void CalendarDays_IgnoreWeekendsAndHolidays()
    {
        var received = new DateOnly(2026, 4, 1);

        Assert.Equal(new DateOnly(2026, 4, 3), Calendar.Add(received, 2, LegalTimeUnit.CalendarDays));
        Assert.Equal(new DateOnly(2026, 5, 1), Calendar.Add(received, 30, LegalTimeUnit.CalendarDays));
        Assert.Equal(6, Calendar.Between(received, new DateOnly(2026, 4, 7), LegalTimeUnit.CalendarDays));
        Assert.Equal(0, Calendar.Between(new DateOnly(2026, 4, 7), received, LegalTimeUnit.CalendarDays));
    }

    [Fact]
    public void WorkingDaysUnit_UsesTheWorkingDayArithmetic()
    {
        var received = new DateOnly(2026, 4, 1);

        Assert.Equal(new DateOnly(2026, 4, 7), Calendar.Add(received, 2, LegalTimeUnit.WorkingDays));
        Assert.Equal(2, Calendar.Between(received, new DateOnly(2026, 4, 7), LegalTimeUnit.WorkingDays));
    }

    [Fact]
    public void WithoutHolidays_OnlyWeekendsAreSkipped()
    {
        var weekendsOnly = new WorkingCalendar([]);

        Assert.Equal(new DateOnly(2026, 4, 3), weekendsOnly.AddWorkingDays(new DateOnly(2026, 4, 1), 2));
    }
}
