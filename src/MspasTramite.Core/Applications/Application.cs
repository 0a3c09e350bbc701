using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Applications;

/// Status names are stored as strings (the workflow table of the back office owns the rest).
public static class ApplicationStatus
{
    public const string Draft = nameof(Draft);
    public const string AwaitingPayment = nameof(AwaitingPayment);
    public const string Received = nameof(Received);
    public const string Withdrawn = nameof(Withdrawn);
    public const string Expired = nameof(Expired);
}

/// An application ("solicitud", "expediente"): a draft the citizen fills step by step, then a file.
public class Application
{
    public Guid Id { get; set; }
    public string ApplicantId { get; set; } = "";
    public Guid ProcedureVersionId { get; set; }
    public ProcedureVersion ProcedureVersion { get; set; } = null!;
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

    public List<ApplicationDocument> Documents { get; set; } = [];
    public List<ApplicationEvent> Events { get; set; } = [];

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
}

/// One line of the application's history: what happened, when, by whom.
public class ApplicationEvent
{
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

    public static ApplicationEvent Create(Guid applicationId, DateTimeOffset at, string kind, string? actorId = null, string? from = null, string? to = null, string? note = null) => new()
    {
        Id = Guid.CreateVersion7(),
        ApplicationId = applicationId,
        At = at,
        ActorId = actorId,
        Kind = kind,
        FromStatus = from,
        ToStatus = to,
        Note = note,
    };
}

