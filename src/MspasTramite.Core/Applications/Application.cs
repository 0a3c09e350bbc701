using MspasTramite.Core.Procedures;
using MspasTramite.Core.Text;

namespace MspasTramite.Core.Applications;

/// Status names are stored as strings (the workflow table of the back office owns the rest).
public static class ApplicationStatus
{
    public const string Draft = nameof(Draft);
    public const string AwaitingPayment = nameof(AwaitingPayment);
    public const string Received = nameof(Received);
    public const string Withdrawn = nameof(Withdrawn);
    public const string Expired = nameof(Expired);
    public const string InReview = nameof(InReview);
    public const string AwaitingCorrection = nameof(AwaitingCorrection);
    public const string InspectionScheduled = nameof(InspectionScheduled);
    public const string AwaitingApproval = nameof(AwaitingApproval);
    public const string Approved = nameof(Approved);
    public const string Rejected = nameof(Rejected);
    public const string Abandoned = nameof(Abandoned);

    public static IReadOnlyList<string> All { get; } =
        [Draft, AwaitingPayment, Received, InReview, AwaitingCorrection, InspectionScheduled, AwaitingApproval, Approved, Rejected, Abandoned, Withdrawn, Expired];

    /// The back office's work: paid and not yet decided.
    public static IReadOnlyList<string> Open { get; } = [Received, InReview, AwaitingCorrection, InspectionScheduled, AwaitingApproval];

    public static bool IsFinal(string status) => status is Approved or Rejected or Abandoned or Withdrawn or Expired;
}

public enum Recommendation
{
    Approve,
    Reject,
}

public enum DocumentReview
{
    Pending,
    Accepted,
    Rejected,
}

/// An application ("solicitud", "expediente"): a draft the citizen fills step by step, then a file.
public class Application
{
    public Guid Id { get; set; }
    public string ApplicantId { get; set; } = "";
    public Guid ProcedureVersionId { get; set; }
    public ProcedureVersion ProcedureVersion { get; set; } = null!;

    /// A draft started under an older version moves to the published one at its next step; this
    /// keeps the version it left until the citizen has read what changed (or submits).
    public Guid? MovedFromVersionId { get; set; }
    public string Status { get; set; } = ApplicationStatus.Draft;

    /// e.g. DRCA-2026-000123; given at submission.
    public string? FileNumber { get; set; }

    public ApplicantKind? ApplicantKind { get; set; }
    public string? CompanyName { get; set; }
    public string? CompanyNit { get; set; }
    public string? LegalRepresentative { get; set; }

    public string? EstablishmentName { get; set; }
    public string? EstablishmentAddress { get; set; }
    public int? DepartmentCode { get; set; }
    public int? MunicipalityCode { get; set; }
    public string? EstablishmentPhone { get; set; }

    public string? ProfessionalName { get; set; }
    public string? ProfessionalColegiado { get; set; }

    public string? CategoryCode { get; set; }
    public List<string> ExtraFeeCodes { get; set; } = [];

    /// Frozen at submission with the procedure version: later fee changes never touch it.
    public decimal? FeeAmount { get; set; }
    public string Currency { get; set; } = "GTQ";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// Changes on every save; two people saving the same application at once cannot both win.
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// The workflow definition the file started under; it finishes under the same one.
    public int WorkflowVersion { get; set; } = 1;

    /// Paid: the legal time starts.
    public DateTimeOffset? ReceivedAt { get; set; }

    /// The legal time, as Guatemala dates: the day it ends and the day 80% of it is used. Both move
    /// forward by the working days the file waited for the citizen's correction (the clock stops).
    public DateOnly? SlaDueOn { get; set; }
    public DateOnly? SlaWarnOn { get; set; }
    public DateTimeOffset? ClockStoppedAt { get; set; }

    public string? AssignedToId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? InspectionScheduledFor { get; set; }
    public DateTimeOffset? InspectedAt { get; set; }
    public bool? InspectionFavourable { get; set; }
    public string? InspectionNotes { get; set; }

    public Recommendation? Recommendation { get; set; }
    public string? Opinion { get; set; }
    public string? RecommendedById { get; set; }
    public DateTimeOffset? RecommendedAt { get; set; }

    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionGrounds { get; set; }

    public List<ApplicationDocument> Documents { get; set; } = [];
    public List<ApplicationEvent> Events { get; set; } = [];
    public CorrectionRequest? CorrectionRequest { get; set; }

    /// Documents that stand now: a document replaced in a correction stays in the history only.
    public IEnumerable<ApplicationDocument> CurrentDocuments => Documents.Where(d => d.SupersededById is null);

    public bool IsDraft => Status == ApplicationStatus.Draft;
}

public class ApplicationDocument
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public string RequirementCode { get; set; } = "";

    /// Sanitised for display; the stored file has a random name.
    public string FileName { get; set; } = "";
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }

    /// Set when the citizen reused a document of an earlier application instead of uploading it again.
    public Guid? ReusedFromId { get; set; }

    /// The analyst's review. An accepted document stays accepted (Decreto 5-2021 art. 12).
    public DocumentReview Review { get; set; }
    public string? ReviewReason { get; set; }
    public string? ReviewedById { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// Set when the citizen replaced this document answering a correction request.
    public Guid? SupersededById { get; set; }

    /// A document for a file just stored by DocumentStore (its name sanitised for display, with the
    /// extension of what the file is).
    public static ApplicationDocument Create(Guid applicationId, string requirementCode, string? fileName, StoredFile stored, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new()
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = applicationId,
            RequirementCode = requirementCode,
            FileName = DocumentStore.FileNameFor(fileName, stored.ContentType),
            StoredName = stored.StoredName,
            ContentType = stored.ContentType,
            Size = stored.Size,
            Sha256 = stored.Sha256,
            UploadedAt = at,
        };
    }
}

/// The one correction request ("previo") a file may get: every observation in one notice.
public class CorrectionRequest
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public string RequestedById { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }

    /// After this, the file is archived as abandoned (Decreto 5-2021 art. 28: 3 months).
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// Observations that are not about a document on file (something missing altogether).
    public string? Notes { get; set; }
    public List<CorrectionItem> Items { get; set; } = [];
}

public class CorrectionItem
{
    public string RequirementCode { get; set; } = "";
    public string RequirementName { get; set; } = "";

    /// The rejected document; null when the requirement had no document at all.
    public Guid? DocumentId { get; set; }
    public string? FileName { get; set; }
    public string Reason { get; set; } = "";
}

/// One line of the application's history: what happened, when, by whom.
public class ApplicationEvent
{
    /// What the note column holds. A longer note is cut: the history line is a summary, and the whole
    /// text stays with what it is about (a correction request's observations, an opinion of up to
    /// 8,000 characters), where PostgreSQL would otherwise refuse the whole save.
    public const int MaxNoteLength = 4000;

    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string Kind { get; set; } = "";
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public string? Note { get; set; }

    /// Internal notes are for staff; the citizen's timeline leaves them out.
    public bool Internal { get; set; }

    /// The procedure version and workflow definition the transition ran under (the audit trail).
    public int? ProcedureVersion { get; set; }
    public int? WorkflowVersion { get; set; }

    public static ApplicationEvent Create(Guid applicationId, DateTimeOffset at, string kind, string? actorId = null, string? from = null, string? to = null, string? note = null) => new()
    {
        Id = Guid.CreateVersion7(),
        ApplicationId = applicationId,
        At = at,
        ActorId = actorId,
        Kind = kind,
        FromStatus = from,
        ToStatus = to,
        Note = note is { Length: > MaxNoteLength } ? TypedText.Cut(note, MaxNoteLength - 1) + "…" : note,
    };
}

