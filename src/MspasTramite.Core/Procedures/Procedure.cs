namespace MspasTramite.Core.Procedures;

/// The MSPAS departments that run procedures; each has its own file-number series.
public enum Department
{
    DRCPFA,
    DRCA,
    DRACES,
}

public enum ApplicantKind
{
    Person,
    Company,
}

public enum WhoMayApply
{
    Both,
    PersonsOnly,
    CompaniesOnly,
}

public enum LegalTimeUnit
{
    WorkingDays,
    CalendarDays,
}

public enum VersionStatus
{
    Draft,
    Published,
    Archived,
}

public enum RequirementCondition
{
    Always,
    CompaniesOnly,
    PersonsOnly,
}

/// A procedure ("trámite"). Everything a citizen reads or is asked for lives in its versions:
/// an application keeps the version it was submitted under, whatever is published later.
public class Procedure
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public Department Department { get; set; }
    public List<ProcedureVersion> Versions { get; set; } = [];
}

public class ProcedureVersion
{
    public Guid Id { get; set; }
    public Guid ProcedureId { get; set; }
    public Procedure Procedure { get; set; } = null!;
    public int Number { get; set; }
    public VersionStatus Status { get; set; }

    public string Name { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Description { get; set; } = "";
    public WhoMayApply WhoMayApply { get; set; }
    public int LegalTimeDays { get; set; }
    public LegalTimeUnit LegalTimeUnit { get; set; }
    public string LegalBasis { get; set; } = "";
    public string OutputDocument { get; set; } = "";
    public bool RequiresInspection { get; set; }

    /// Years an approved licence stays valid; 0 for an output that does not expire.
    public int LicenceValidityYears { get; set; } = 5;

    /// The professional in charge (e.g. "Director técnico"); null when the procedure needs none.
    public string? ProfessionalTitle { get; set; }

    /// The fee when it does not depend on a category. Null with no categories means "not published".
    public decimal? FixedFee { get; set; }

    /// The department has not confirmed the fee (shared/DOMAIN.md marks it uncertain).
    public bool FeeUncertain { get; set; }
    public string? FeeNote { get; set; }

    public List<FeeCategory> Categories { get; set; } = [];
    public List<ExtraFee> ExtraFees { get; set; } = [];
    public List<Requirement> Requirements { get; set; } = [];
    public List<string> Steps { get; set; } = [];

    /// Questions and answers under the description; Markdown, like Description (Publishing.SafeMarkdown).
    public string Faq { get; set; } = "";

    /// "Cómo simplificamos este trámite": what the paper procedure asked and what this one asks.
    public List<SimplificationItem> Simplifications { get; set; } = [];

    /// Short plain-language summaries in Guatemala's Mayan languages, each with who provided it.
    public List<PlainSummary> PlainSummaries { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedById { get; set; }

    /// Why this version replaced the one before: asked at publication, shown in the public changelog.
    public string? ChangeReason { get; set; }

    /// Changes on every save of a draft, so two people editing it cannot overwrite each other silently.
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool HasCategories => Categories.Count > 0;

    public bool FeeIsPublished => !FeeUncertain && (FixedFee is not null || Categories.Count > 0);

    public bool Accepts(ApplicantKind kind) => WhoMayApply switch
    {
        WhoMayApply.PersonsOnly => kind == ApplicantKind.Person,
        WhoMayApply.CompaniesOnly => kind == ApplicantKind.Company,
        _ => true,
    };

    public IEnumerable<Requirement> RequirementsFor(ApplicantKind? kind) => Requirements.Where(r => r.Condition switch
    {
        RequirementCondition.CompaniesOnly => kind == ApplicantKind.Company,
        RequirementCondition.PersonsOnly => kind == ApplicantKind.Person,
        _ => true,
    });
}

/// A fee that depends on the category of establishment chosen in the application (DRACES: Q90–Q5,400).
public class FeeCategory
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Amount { get; set; }
}

/// A fee added when the applicant's case needs it (e.g. laboratory analysis of high-risk foods).
public class ExtraFee
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Question { get; set; } = "";
    public decimal Amount { get; set; }
}

/// What a simplification changed, for "Cómo simplificamos este trámite".
public enum SimplificationAspect
{
    RequirementRemoved,
    StepRemoved,
    VisitRemoved,
    TimeReduced,
    Channel,
    Other,
}

public class SimplificationItem
{
    public SimplificationAspect Aspect { get; set; }

    /// What the paper procedure did ("Boleta de pago, depósito en el banco y entrega del recibo en ventanilla").
    public string Before { get; set; } = "";

    /// What this service does instead ("Pago en línea con tarjeta; el recibo llega por correo").
    public string After { get; set; } = "";

    /// Why, with its legal basis when there is one ("El Estado ya tiene el dato: Decreto 5-2021, art. 6").
    public string Reason { get; set; } = "";
}

/// A short summary in a Mayan language (ISO 639-3: quc K'iche', kek Q'eqchi', cak Kaqchikel, mam Mam).
public class PlainSummary
{
    public const string Kiche = "quc";
    public const string Qeqchi = "kek";
    public const string Kaqchikel = "cak";
    public const string Mam = "mam";

    public static IReadOnlyList<string> Languages { get; } = [Kiche, Qeqchi, Kaqchikel, Mam];

    public string Language { get; set; } = "";
    public string Text { get; set; } = "";

    /// Who wrote or checked the translation (a person or an institution such as the ALMG).
    public string ProvidedBy { get; set; } = "";
}

public class Requirement
{
    /// Stable within a procedure; documents are filed under it.
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public bool Required { get; set; } = true;
    public RequirementCondition Condition { get; set; }
    public int MaxFiles { get; set; } = 3;

    /// Decreto 5-2021 art. 6: what the state already holds is not asked again. "Cui" or "Nit" means
    /// the identifier registered on the account stands in for the copy of the document.
    public string? SatisfiedByIdentifier { get; set; }

    /// A document that does not change between applications (a patente, a deed) may be reused.
    public bool Reusable { get; set; }
}
