namespace MspasTramite.Core.Review;

public enum ResolutionKind
{
    /// Approval: the licence (or registration) the procedure produces.
    Licence,

    /// Denial, with its grounds. Never carries a fee (Decreto 5-2021 art. 12).
    Rejection,
}

/// The resolution that closes a file: a licence when approved, a denial with grounds when rejected.
/// What it says is frozen when issued, so the PDF and the public verification never change with
/// later edits to the application or the account.
public class Resolution
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public ResolutionKind Kind { get; set; }

    /// e.g. DRCA-LIC-2026-000012 or DRCA-RES-2026-000003.
    public string Number { get; set; } = "";

    /// What the QR code and /verificar/{code} carry: random, not guessable from the number.
    public string VerificationCode { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedById { get; set; } = "";
    public string SignedBy { get; set; } = "";

    public string Holder { get; set; } = "";
    public string? HolderId { get; set; }
    public string? Establishment { get; set; }
    public string? EstablishmentAddress { get; set; }
    public string Procedure { get; set; } = "";
    public string? FileNumber { get; set; }
    public string? Grounds { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// Null when the output does not expire (and for a rejection).
    public DateOnly? ValidUntil { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
    public string? RevocationReason { get; set; }
}

public enum TimerKind
{
    /// Reminds the citizen that the correction deadline is near.
    CorrectionReminder,

    /// Archives the file as abandoned when the correction was not answered in time.
    CorrectionDeadline,

    /// Warns the heads of section when 80% of the legal time is used.
    SlaWarning,
}

/// A durable timer: a row with a due time. A background job fires due rows; firing marks the row in
/// the same transaction as its effect, so a timer fires exactly once even if a job or process dies.
public class WorkflowTimer
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public TimerKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    /// Failures so far; a failing timer is retried with backoff and stays visible, never dropped.
    public int Attempts { get; set; }
    public DateTimeOffset? RetryAt { get; set; }
    public string? LastError { get; set; }

    public static WorkflowTimer Create(Guid applicationId, TimerKind kind, DateTimeOffset dueAt, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), ApplicationId = applicationId, Kind = kind, DueAt = dueAt, CreatedAt = now };
}

/// A public holiday: a day the legal time does not count. Data the administrator edits.
public class Holiday
{
    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
}
