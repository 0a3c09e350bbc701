namespace MspasTramite.Core.Performance;

/// One procedure's figures for one Guatemala day, recomputed from the durable rows (applications,
/// payments, refunds, the history, surveys) by PerformanceRollup. The dashboard and the public page
/// read these and never the whole tables: a year is 365 rows per procedure whatever the volume.
/// Each figure is counted on the day its event happened (started on the day it was created, paid on
/// the day it was paid, decided on the day of the decision).
public class DailyProcedureFigures
{
    public DateOnly Day { get; set; }
    public Guid ProcedureId { get; set; }

    public int Started { get; set; }
    public int Submitted { get; set; }
    public int Paid { get; set; }
    public decimal Revenue { get; set; }

    /// The gateway's fee where it reported one, the configured rate otherwise.
    public decimal GatewayFees { get; set; }

    /// Checkouts that ended without a payment (abandoned, declined until they expired).
    public int ExpiredAttempts { get; set; }

    /// Payments whose amount did not match the fee, and second payments of a paid fee.
    public int MismatchedPayments { get; set; }
    public int DuplicatePayments { get; set; }
    public int Refunds { get; set; }
    public decimal RefundedAmount { get; set; }

    public int Approved { get; set; }
    public int Rejected { get; set; }

    /// Decided on or before the legal due date (which moves by the days the file waited for the citizen).
    public int DecidedInTime { get; set; }

    /// Office minutes from the first claim to the decision, without the correction wait, over the
    /// decided files that were claimed (OfficerFiles).
    public long OfficerMinutes { get; set; }
    public int OfficerFiles { get; set; }

    public int SurveyAnswers { get; set; }

    /// Answers of 4 or 5 out of 5.
    public int SurveySatisfied { get; set; }
    public int SurveySkips { get; set; }

    public int Decided => Approved + Rejected;
}

/// A histogram: how many files had a given duration, per day and procedure, so a median or a p90
/// over any period is exact without reading the files. Measure is `processing` (working days from
/// payment to decision, without the correction wait) or a workflow state (whole hours spent in it,
/// counted on the day the file left it).
public class DailyDurationCount
{
    public const string Processing = "processing";
    public const int MaxMeasureLength = 40;

    public DateOnly Day { get; set; }
    public Guid ProcedureId { get; set; }
    public string Measure { get; set; } = "";
    public int Value { get; set; }
    public int Count { get; set; }
}

/// The form funnel per day: applications that reached or saved each step on that day.
public class DailyFunnelStep
{
    public DateOnly Day { get; set; }
    public Guid ProcedureId { get; set; }
    public string Step { get; set; } = "";
    public int Reached { get; set; }
    public int Saved { get; set; }
}

/// How far the rollup has been brought up to date: a single row.
public class PerformanceRollupState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// Days before this one are final; this day and later are recomputed on every refresh.
    public DateOnly OpenFrom { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
}

/// The open backlog by procedure and state as of the last refresh, with the files past their legal
/// due date: counted once per refresh so the dashboard never counts the open files itself.
public class OpenFilesCount
{
    public Guid ProcedureId { get; set; }
    public string Status { get; set; } = "";
    public int Count { get; set; }

    /// Past the legal due date and not waiting for the citizen.
    public int Overdue { get; set; }
}

/// The daily histograms summed by month (first day of the month in Month), so a year is read as
/// twelve months of rows whatever the volume; the days at a period's ragged edges come from
/// DailyDurationCount (DurationHistograms.ReadAsync).
public class MonthlyDurationCount
{
    public DateOnly Month { get; set; }
    public Guid ProcedureId { get; set; }
    public string Measure { get; set; } = "";
    public int Value { get; set; }
    public int Count { get; set; }
}
