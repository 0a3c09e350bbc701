namespace MspasTramite.Core.Performance;

/// When the citizen is asked to rate the service (Decreto 5-2021 art. 11: users evaluate it).
public enum SurveyMoment
{
    AfterPayment,
    AfterDecision,
}

/// One citizen's rating of the service for one application and moment; a skip is a row too, so
/// the invitation is not shown again and the answer rate can be measured.
public class SurveyResponse
{
    public const int MaxCommentLength = 1000;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }

    /// Copied from the application's procedure so the satisfaction figures group without a join.
    public Guid ProcedureId { get; set; }
    public SurveyMoment Moment { get; set; }

    /// 1 to 5; null when the person chose to skip.
    public int? Rating { get; set; }

    /// Already cleaned by the request's text binder; shown to the product manager without names.
    public string? Comment { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }

    public bool Skipped => Rating is null;
}

public enum FormStepEventKind
{
    Reached,
    Saved,
}

/// A step of the multi-step form reached or saved by a draft: the form funnel. Carries no personal
/// data, only which application, which procedure, which step and when.
public class FormStepEvent
{
    public const int MaxStepLength = 40;

    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ProcedureId { get; set; }

    /// The step's code (applicant, establishment, professional, category, documents, review).
    public string Step { get; set; } = "";
    public FormStepEventKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
}

/// Applications made at the windows or on paper in a month, entered by the product manager: the
/// denominator of digital take-up.
public class NonDigitalVolume
{
    public Guid Id { get; set; }
    public Guid ProcedureId { get; set; }

    /// The first day of the month.
    public DateOnly Month { get; set; }
    public int Count { get; set; }
    public string EnteredById { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
}

/// The service's operating cost for a month in quetzales, entered by the product manager: the
/// numerator of cost per transaction.
public class OperatingCost
{
    /// The first day of the month.
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string EnteredById { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
}
