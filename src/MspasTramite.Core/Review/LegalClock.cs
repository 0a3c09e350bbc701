using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;

namespace MspasTramite.Core.Review;

public enum SlaLight
{
    /// Not running: not paid yet, or decided.
    None,
    Green,

    /// 80% of the legal time is used.
    Amber,

    /// The legal time is exceeded.
    Red,

    /// Stopped while the file waits for the citizen's correction.
    Paused,
}

/// The legal time of a file. It starts when the fee is paid, counts in the procedure's unit
/// (working days with Guatemala's holidays, or calendar days), and stops while the file waits for
/// the citizen's correction: on resumption the due date moves forward by the days it stood still.
public static class LegalClock
{
    /// The share of the legal time after which the heads of section are warned.
    public const double WarningShare = 0.8;

    public static void Start(Application application, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        var version = application.ProcedureVersion;
        var today = GuatemalaTime.Today(now);
        application.ReceivedAt = now;
        application.ClockStoppedAt = null;
        application.SlaDueOn = calendar.Add(today, version.LegalTimeDays, version.LegalTimeUnit);
        application.SlaWarnOn = calendar.Add(today, (int)Math.Ceiling(version.LegalTimeDays * WarningShare), version.LegalTimeUnit);
    }

    /// Starts the clock when the fee is paid, with its 80% warning timer, in the caller's unit of work.
    public static async Task StartAsync(AppDbContext db, HolidayCalendar holidays, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(holidays);
        Start(application, await holidays.GetAsync(db, now, cancellationToken).ConfigureAwait(false), now);
        await ScheduleWarningAsync(db, application, now, cancellationToken).ConfigureAwait(false);
    }

    /// The timer that warns the heads of section at 08:00 (Guatemala) on the day 80% is used. Once
    /// sent, a warning is not repeated when the clock resumes after a correction.
    public static async Task ScheduleWarningAsync(AppDbContext db, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var warned = await db.WorkflowTimers.AnyAsync(t => t.ApplicationId == application.Id && t.Kind == TimerKind.SlaWarning && t.FiredAt != null, cancellationToken).ConfigureAwait(false);
        if (application.SlaWarnOn is { } warn && !warned)
        {
            db.WorkflowTimers.Add(WorkflowTimer.Create(application.Id, TimerKind.SlaWarning, GuatemalaTime.StartOf(warn).AddHours(8), now));
        }
    }

    public static void Stop(Application application, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        application.ClockStoppedAt ??= now;
    }

    /// Moves the due dates forward by the days the clock stood still; returns those days.
    public static int Resume(Application application, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        if (application.ClockStoppedAt is not { } stoppedAt || application.SlaDueOn is not { } due || application.SlaWarnOn is not { } warn)
        {
            application.ClockStoppedAt = null;
            return 0;
        }

        var unit = application.ProcedureVersion.LegalTimeUnit;
        var paused = calendar.Between(GuatemalaTime.Today(stoppedAt), GuatemalaTime.Today(now), unit);
        application.SlaDueOn = calendar.Add(due, paused, unit);
        application.SlaWarnOn = calendar.Add(warn, paused, unit);
        application.ClockStoppedAt = null;
        return paused;
    }

    /// Days left until the due date (negative when exceeded), counted in the procedure's unit; while
    /// stopped, what was left when it stopped.
    public static int? Remaining(Application application, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(calendar);
        if (application.SlaDueOn is not { } due)
        {
            return null;
        }

        var unit = application.ProcedureVersion.LegalTimeUnit;
        var today = GuatemalaTime.Today(application.ClockStoppedAt ?? now);
        return today <= due ? calendar.Between(today, due, unit) : -calendar.Between(due, today, unit);
    }

    public static SlaLight Light(Application application, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        return Light(application.Status, application.SlaDueOn, application.SlaWarnOn, application.ClockStoppedAt, GuatemalaTime.Today(now));
    }

    /// The same from the columns a queue query reads, without loading the entity.
    public static SlaLight Light(string status, DateOnly? dueOn, DateOnly? warnOn, DateTimeOffset? stoppedAt, DateOnly today)
    {
        if (dueOn is not { } due || !ApplicationStatus.Open.Contains(status))
        {
            return SlaLight.None;
        }

        if (stoppedAt is not null)
        {
            return SlaLight.Paused;
        }

        return today > due ? SlaLight.Red : warnOn is { } warn && today >= warn ? SlaLight.Amber : SlaLight.Green;
    }
}
