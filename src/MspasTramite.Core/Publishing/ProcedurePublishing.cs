using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Publishing;

public enum PublishingOutcome
{
    Done,
    NotFound,

    /// The version is not a draft (it was published or discarded meanwhile).
    NotADraft,

    /// Someone else saved the draft since the page was read.
    Conflict,

    /// The input is wrong; Errors say which field and why.
    Invalid,

    /// Publication refused: Errors list the draft's problems.
    Refused,
}

/// One thing wrong with a draft or a request. Message is the Spanish sentence; Format and Args are the
/// same sentence as a pattern and its values, so a page can translate the pattern and put the values
/// (a requirement's name, a number) back in.
public sealed record PublishingError(string? Field, string Message)
{
    public string Format { get; init; } = Message;

    public IReadOnlyList<object> Args { get; init; } = [];

    public static PublishingError Of(string? field, string format, params object[] args) =>
        new(field, string.Format(CultureInfo.InvariantCulture, format, args)) { Format = format, Args = args };
}

public sealed record PublishingResult(PublishingOutcome Outcome, IReadOnlyList<PublishingError> Errors, ProcedureVersion? Version = null)
{
    public static PublishingResult NotFound { get; } = new(PublishingOutcome.NotFound, []);

    public static PublishingResult NotADraft { get; } = new(PublishingOutcome.NotADraft, [new(null, "Esta versión ya no es un borrador: fue publicada o descartada. Abra la versión actual del trámite.")]);

    public static PublishingResult Conflict { get; } = new(PublishingOutcome.Conflict, [new(null, "Otra persona guardó este borrador mientras usted lo editaba. Sus cambios no se guardaron: revise la versión actual y vuelva a escribirlos.")]);

    public bool Succeeded => Outcome == PublishingOutcome.Done;

    public static PublishingResult Done(ProcedureVersion version) => new(PublishingOutcome.Done, [], version);

    public static PublishingResult Invalid(string field, string format, params object[] args) => new(PublishingOutcome.Invalid, [PublishingError.Of(field, format, args)]);
}

/// A procedure in the admin catalogue: its slug and department, and every version, newest first.
public sealed record CatalogueEntry(Guid ProcedureId, string Slug, Department Department, IReadOnlyList<VersionSummary> Versions)
{
    public VersionSummary? Published => Versions.FirstOrDefault(v => v.Status == VersionStatus.Published);

    public VersionSummary? Draft => Versions.FirstOrDefault(v => v.Status == VersionStatus.Draft);

    public string Name => (Published ?? (Versions.Count > 0 ? Versions[0] : null))?.Name ?? Slug;
}

public sealed record VersionSummary(Guid Id, int Number, VersionStatus Status, string Name, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string? PublishedById, string? ChangeReason);

/// The product manager's half of the documentation: procedures, drafts copied from the published
/// version, saves guarded by the draft's ConcurrencyStamp, and publication, which refuses a draft with
/// problems and archives the version before it. Every change writes a ProcedureAuditEntry in the same
/// SaveChanges. Submitted applications keep the version they were filed under: nothing here touches
/// them (drafts move at their next step, ApplicationService).
public sealed partial class ProcedurePublishing(AppDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 300;
    public const int MaxSummaryLength = 1000;
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 1000;
    public const int MaxFilesLimit = 10;

    public async Task<IReadOnlyList<CatalogueEntry>> CatalogueAsync(CancellationToken cancellationToken = default)
    {
        var procedures = await db.Procedures.AsNoTracking().Select(p => new { p.Id, p.Slug, p.Department }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var versions = await db.ProcedureVersions.AsNoTracking()
            .Select(v => new { v.ProcedureId, Summary = new VersionSummary(v.Id, v.Number, v.Status, v.Name, v.CreatedAt, v.PublishedAt, v.PublishedById, v.ChangeReason) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byProcedure = versions.ToLookup(v => v.ProcedureId, v => v.Summary);
        return [.. procedures
            .Select(p => new CatalogueEntry(p.Id, p.Slug, p.Department, [.. byProcedure[p.Id].OrderByDescending(v => v.Number)]))
            .OrderBy(e => e.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("es-GT"), ignoreCase: true))];
    }

    public async Task<CatalogueEntry?> FindAsync(Guid procedureId, CancellationToken cancellationToken = default) =>
        (await CatalogueAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.ProcedureId == procedureId);

    public Task<ProcedureVersion?> FindVersionAsync(Guid procedureId, int number, CancellationToken cancellationToken = default) =>
        db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .FirstOrDefaultAsync(v => v.ProcedureId == procedureId && v.Number == number, cancellationToken);

    public Task<ProcedureVersion?> FindDraftAsync(Guid procedureId, CancellationToken cancellationToken = default) =>
        db.ProcedureVersions.AsNoTracking().Include(v => v.Procedure)
            .FirstOrDefaultAsync(v => v.ProcedureId == procedureId && v.Status == VersionStatus.Draft, cancellationToken);

    /// Every published or archived version of a procedure, oldest first: the public changelog's input.
    public Task<List<ProcedureVersion>> PublishedHistoryAsync(Guid procedureId, CancellationToken cancellationToken = default) =>
        db.ProcedureVersions.AsNoTracking()
            .Where(v => v.ProcedureId == procedureId && v.Status != VersionStatus.Draft && v.PublishedAt != null)
            .OrderBy(v => v.Number)
            .ToListAsync(cancellationToken);

    public Task<List<ProcedureAuditEntry>> AuditAsync(Guid procedureId, int take = 200, CancellationToken cancellationToken = default) =>
        db.ProcedureAuditEntries.AsNoTracking()
            .Where(e => e.ProcedureId == procedureId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);

    /// A new procedure with an empty draft version 1. It is not public until that draft is published.
    public async Task<PublishingResult> CreateProcedureAsync(string? name, string? slug, Department department, string actorId, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        slug = slug?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0)
        {
            return PublishingResult.Invalid("Name", "Escriba el nombre del trámite.");
        }

        if (name.Length > MaxNameLength)
        {
            return PublishingResult.Invalid("Name", "El nombre puede tener hasta {0} caracteres.", MaxNameLength);
        }

        if (!SlugPattern().IsMatch(slug))
        {
            return PublishingResult.Invalid("Slug", "La dirección debe tener de 3 a 80 letras minúsculas sin tildes, números y guiones, por ejemplo licencia-sanitaria-de-farmacia.");
        }

        if (await db.Procedures.AnyAsync(p => p.Slug == slug, cancellationToken).ConfigureAwait(false))
        {
            return SlugTaken();
        }

        var now = clock.GetUtcNow();
        var version = new ProcedureVersion
        {
            Id = Guid.CreateVersion7(),
            Number = 1,
            Status = VersionStatus.Draft,
            Name = name,
            CreatedAt = now,
            CreatedById = actorId,
        };
        var procedure = new Procedure { Id = Guid.CreateVersion7(), Slug = slug, Department = department, Versions = [version] };
        db.Procedures.Add(procedure);
        db.ProcedureAuditEntries.Add(Audit(procedure.Id, version, ProcedureAuditAction.ProcedureCreated, null, $"{name} ({slug}, {department})", actorId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two people creating the same address at once: the unique index decides.
            db.ChangeTracker.Clear();
            return SlugTaken();
        }

        return PublishingResult.Done(version);
    }

    /// A new draft, a copy of the published version (or of the newest one when none is published).
    public async Task<PublishingResult> StartDraftAsync(Guid procedureId, string actorId, CancellationToken cancellationToken = default)
    {
        var versions = await db.ProcedureVersions.AsNoTracking().Where(v => v.ProcedureId == procedureId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return PublishingResult.NotFound;
        }

        if (versions.Any(v => v.Status == VersionStatus.Draft))
        {
            return DraftExists();
        }

        var source = versions.Where(v => v.Status == VersionStatus.Published).MaxBy(v => v.Number) ?? versions.MaxBy(v => v.Number)!;
        var now = clock.GetUtcNow();
        var draft = CopyAsDraft(source, versions.Max(v => v.Number) + 1, now, actorId);
        db.ProcedureVersions.Add(draft);
        db.ProcedureAuditEntries.Add(Audit(procedureId, draft, ProcedureAuditAction.DraftStarted, null, $"Copia de la versión {source.Number}", actorId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The one-draft index (or the number's) refused a second draft started at the same moment.
            db.ChangeTracker.Clear();
            return DraftExists();
        }

        return PublishingResult.Done(draft);
    }

    /// Applies one section's edit to the draft if the caller's copy is current.
    public async Task<PublishingResult> SaveDraftAsync(Guid versionId, Guid stamp, string section, Action<ProcedureVersion> edit, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var draft = await db.ProcedureVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return PublishingResult.NotFound;
        }

        if (draft.Status != VersionStatus.Draft)
        {
            return PublishingResult.NotADraft;
        }

        if (draft.ConcurrencyStamp != stamp)
        {
            return PublishingResult.Conflict;
        }

        var before = Snapshot(draft);
        edit(draft);
        var changes = VersionChanges.Between(before, draft);
        draft.ConcurrencyStamp = Guid.NewGuid();
        var now = clock.GetUtcNow();
        db.ProcedureAuditEntries.Add(Audit(draft.ProcedureId, draft, ProcedureAuditAction.DraftEdited, section, AuditSummary(changes), actorId, now));
        return await CommitAsync(draft, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishingResult> DiscardDraftAsync(Guid versionId, Guid stamp, string actorId, CancellationToken cancellationToken = default)
    {
        var draft = await db.ProcedureVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return PublishingResult.NotFound;
        }

        if (draft.Status != VersionStatus.Draft)
        {
            return PublishingResult.NotADraft;
        }

        if (draft.ConcurrencyStamp != stamp)
        {
            return PublishingResult.Conflict;
        }

        var everPublished = await db.ProcedureVersions.AnyAsync(v => v.ProcedureId == draft.ProcedureId && v.Status != VersionStatus.Draft, cancellationToken).ConfigureAwait(false);
        if (!everPublished)
        {
            return new(PublishingOutcome.Invalid, [new(null, "Es el primer borrador de un trámite que nunca se publicó: no se puede descartar. Edítelo y publíquelo cuando esté listo.")]);
        }

        var now = clock.GetUtcNow();
        db.ProcedureAuditEntries.Add(Audit(draft.ProcedureId, draft, ProcedureAuditAction.DraftDiscarded, null, null, actorId, now));
        db.ProcedureVersions.Remove(draft);
        return await CommitAsync(draft, cancellationToken).ConfigureAwait(false);
    }

    /// Publishes the draft: refused with its problems listed, else the previous published version is
    /// archived and the draft becomes the one citizens see, with the reason kept for the changelog.
    public async Task<PublishingResult> PublishAsync(Guid versionId, Guid stamp, string? reason, string actorId, CancellationToken cancellationToken = default)
    {
        var draft = await db.ProcedureVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return PublishingResult.NotFound;
        }

        if (draft.Status != VersionStatus.Draft)
        {
            return PublishingResult.NotADraft;
        }

        if (draft.ConcurrencyStamp != stamp)
        {
            return PublishingResult.Conflict;
        }

        var problems = Problems(draft);
        reason = reason?.Trim() ?? "";
        if (reason.Length < MinReasonLength)
        {
            problems = [.. problems, PublishingError.Of("Reason", "Explique en al menos {0} caracteres por qué cambia el trámite: se publica en su historial de cambios.", MinReasonLength)];
        }
        else if (reason.Length > MaxReasonLength)
        {
            problems = [.. problems, PublishingError.Of("Reason", "El motivo puede tener hasta {0} caracteres.", MaxReasonLength)];
        }

        if (problems.Count > 0)
        {
            return new(PublishingOutcome.Refused, problems, draft);
        }

        var now = clock.GetUtcNow();
        var previous = await db.ProcedureVersions.Where(v => v.ProcedureId == draft.ProcedureId && v.Status == VersionStatus.Published).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var old in previous)
        {
            old.Status = VersionStatus.Archived;
        }

        draft.Status = VersionStatus.Published;
        draft.PublishedAt = now;
        draft.PublishedById = actorId;
        draft.ChangeReason = reason;
        draft.ConcurrencyStamp = Guid.NewGuid();
        db.ProcedureAuditEntries.Add(Audit(draft.ProcedureId, draft, ProcedureAuditAction.Published, null, reason, actorId, now));
        return await CommitAsync(draft, cancellationToken).ConfigureAwait(false);
    }

    /// What keeps a draft from being published, each in words the product manager can act on.
    public static IReadOnlyList<PublishingError> Problems(ProcedureVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var problems = new List<PublishingError>();
        void Add(string field, string format, params object[] args) => problems.Add(PublishingError.Of(field, format, args));

        if (string.IsNullOrWhiteSpace(version.Name))
        {
            Add("Name", "El trámite no tiene nombre.");
        }

        if (string.IsNullOrWhiteSpace(version.Summary))
        {
            Add("Summary", "Falta el resumen que se muestra en el catálogo.");
        }

        if (string.IsNullOrWhiteSpace(version.LegalBasis))
        {
            Add("LegalBasis", "Falta la base legal del trámite.");
        }

        if (string.IsNullOrWhiteSpace(version.OutputDocument))
        {
            Add("OutputDocument", "Falta el documento que recibe el ciudadano al final (por ejemplo, la licencia sanitaria).");
        }

        if (version.LegalTimeDays <= 0)
        {
            Add("LegalTimeDays", "Falta el plazo legal: un número de días mayor que cero.");
        }

        if (version.LicenceValidityYears < 0)
        {
            Add("LicenceValidityYears", "La vigencia de la licencia no puede ser negativa.");
        }

        for (var i = 0; i < version.Requirements.Count; i++)
        {
            var r = version.Requirements[i];
            // A requirement is named by its name, or by its number while it has none.
            var unnamed = string.IsNullOrWhiteSpace(r.Name);
            object label = unnamed ? i + 1 : r.Name;
            if (unnamed)
            {
                Add("Requirements", "El requisito n.º {0} no tiene nombre.", i + 1);
            }

            if (string.IsNullOrWhiteSpace(r.LegalBasis))
            {
                Add("Requirements", unnamed
                    ? "El requisito n.º {0} no tiene base legal: el Decreto 5-2021 no permite pedir requisitos sin ella."
                    : "El requisito «{0}» no tiene base legal: el Decreto 5-2021 no permite pedir requisitos sin ella.", label);
            }

            if (r.MaxFiles < 1 || r.MaxFiles > MaxFilesLimit)
            {
                Add("Requirements", unnamed
                    ? "El requisito n.º {0} admite {1} archivos: deben ser de 1 a {2}."
                    : "El requisito «{0}» admite {1} archivos: deben ser de 1 a {2}.", label, r.MaxFiles, MaxFilesLimit);
            }
        }

        foreach (var code in version.Requirements.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            Add("Requirements", "Dos requisitos tienen el mismo código «{0}».", code);
        }

        if (version.FeeUncertain)
        {
            Add("Fee", "La tarifa está marcada como «por confirmar»: publique la tarifa confirmada por el departamento.");
        }
        else if (version.FixedFee is null && version.Categories.Count == 0)
        {
            Add("Fee", "El trámite no tiene tarifa publicada: indique una tarifa fija o por categoría.");
        }

        if (version.FixedFee < 0)
        {
            Add("Fee", "La tarifa fija no puede ser negativa.");
        }

        foreach (var c in version.Categories.Where(c => string.IsNullOrWhiteSpace(c.Name) || c.Amount <= 0))
        {
            Add("Fee", "La categoría «{0}» necesita un nombre y un monto mayor que cero.", c.Name);
        }

        foreach (var e in version.ExtraFees.Where(e => string.IsNullOrWhiteSpace(e.Name) || string.IsNullOrWhiteSpace(e.Question) || e.Amount <= 0))
        {
            Add("Fee", "El cobro adicional «{0}» necesita un nombre, la pregunta que se hace al ciudadano y un monto mayor que cero.", e.Name);
        }

        if (version.Steps.Count == 0)
        {
            Add("Steps", "El trámite no tiene pasos: describa al menos uno.");
        }

        for (var i = 0; i < version.Steps.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(version.Steps[i]))
            {
                Add("Steps", "El paso n.º {0} está vacío.", i + 1);
            }
        }

        foreach (var s in version.Simplifications.Where(s => string.IsNullOrWhiteSpace(s.Before) || string.IsNullOrWhiteSpace(s.After)))
        {
            if (string.IsNullOrWhiteSpace(s.Before))
            {
                Add("Simplifications", "Una simplificación no dice cómo era antes y cómo es ahora.");
            }
            else
            {
                Add("Simplifications", "Una simplificación no dice cómo era antes y cómo es ahora («{0}»).", s.Before);
            }
        }

        foreach (var p in version.PlainSummaries)
        {
            if (!PlainSummary.Languages.Contains(p.Language))
            {
                Add("PlainSummaries", "El idioma «{0}» no es uno de los que se publican.", p.Language);
            }
            else if (string.IsNullOrWhiteSpace(p.Text) || string.IsNullOrWhiteSpace(p.ProvidedBy))
            {
                Add("PlainSummaries", "Cada resumen en idioma maya necesita su texto y quién lo proporcionó.");
            }
        }

        return problems;
    }

    /// The copy a new draft starts from: every list copied, so editing the draft never touches it.
    public static ProcedureVersion CopyAsDraft(ProcedureVersion source, int number, DateTimeOffset now, string actorId)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = Snapshot(source);
        copy.Id = Guid.CreateVersion7();
        copy.Number = number;
        copy.Status = VersionStatus.Draft;
        copy.CreatedAt = now;
        copy.CreatedById = actorId;
        copy.PublishedAt = null;
        copy.PublishedById = null;
        copy.ChangeReason = null;
        copy.ConcurrencyStamp = Guid.NewGuid();
        return copy;
    }

    /// A detached deep copy of a version's content (no navigation properties).
    public static ProcedureVersion Snapshot(ProcedureVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new ProcedureVersion
        {
            Id = v.Id,
            ProcedureId = v.ProcedureId,
            Number = v.Number,
            Status = v.Status,
            Name = v.Name,
            Summary = v.Summary,
            Description = v.Description,
            Faq = v.Faq,
            WhoMayApply = v.WhoMayApply,
            LegalTimeDays = v.LegalTimeDays,
            LegalTimeUnit = v.LegalTimeUnit,
            LegalBasis = v.LegalBasis,
            OutputDocument = v.OutputDocument,
            RequiresInspection = v.RequiresInspection,
            LicenceValidityYears = v.LicenceValidityYears,
            ProfessionalTitle = v.ProfessionalTitle,
            FixedFee = v.FixedFee,
            FeeUncertain = v.FeeUncertain,
            FeeNote = v.FeeNote,
            Categories = [.. v.Categories.Select(c => new FeeCategory { Code = c.Code, Name = c.Name, Amount = c.Amount })],
            ExtraFees = [.. v.ExtraFees.Select(e => new ExtraFee { Code = e.Code, Name = e.Name, Question = e.Question, Amount = e.Amount })],
            Requirements = [.. v.Requirements.Select(r => new Requirement
            {
                Code = r.Code,
                Name = r.Name,
                Description = r.Description,
                LegalBasis = r.LegalBasis,
                Required = r.Required,
                Condition = r.Condition,
                MaxFiles = r.MaxFiles,
                SatisfiedByIdentifier = r.SatisfiedByIdentifier,
                Reusable = r.Reusable,
            })],
            Steps = [.. v.Steps],
            Simplifications = [.. v.Simplifications.Select(s => new SimplificationItem { Aspect = s.Aspect, Before = s.Before, After = s.After, Reason = s.Reason })],
            PlainSummaries = [.. v.PlainSummaries.Select(p => new PlainSummary { Language = p.Language, Text = p.Text, ProvidedBy = p.ProvidedBy })],
            CreatedAt = v.CreatedAt,
            CreatedById = v.CreatedById,
            PublishedAt = v.PublishedAt,
            PublishedById = v.PublishedById,
            ChangeReason = v.ChangeReason,
            ConcurrencyStamp = v.ConcurrencyStamp,
        };
    }

    /// The audit trail's "what": one short Spanish phrase per change, for the staff who read it.
    public static string? AuditSummary(IReadOnlyList<VersionChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return "Sin cambios";
        }

        static string Label(ChangeKind kind) => kind switch
        {
            ChangeKind.WhoMayApplyChanged => "Quién puede solicitarlo",
            ChangeKind.RequirementAdded => "Requisito agregado",
            ChangeKind.RequirementRemoved => "Requisito eliminado",
            ChangeKind.RequirementChanged => "Requisito modificado",
            ChangeKind.FeeChanged => "Tarifa",
            ChangeKind.CategoryAdded => "Categoría agregada",
            ChangeKind.CategoryRemoved => "Categoría eliminada",
            ChangeKind.CategoryFeeChanged => "Tarifa de categoría",
            ChangeKind.CategoryRenamed => "Categoría renombrada",
            ChangeKind.ExtraFeeAdded => "Cobro adicional agregado",
            ChangeKind.ExtraFeeRemoved => "Cobro adicional eliminado",
            ChangeKind.ExtraFeeAmountChanged => "Monto de cobro adicional",
            ChangeKind.ExtraFeeChanged => "Cobro adicional modificado",
            ChangeKind.LegalTimeChanged => "Plazo legal",
            ChangeKind.InspectionChanged => "Inspección",
            ChangeKind.ProfessionalChanged => "Profesional responsable",
            ChangeKind.LicenceValidityChanged => "Vigencia",
            ChangeKind.OutputDocumentChanged => "Documento que se entrega",
            ChangeKind.StepAdded => "Paso agregado",
            ChangeKind.StepRemoved => "Paso eliminado",
            ChangeKind.StepsReordered => "Orden de los pasos",
            ChangeKind.NameChanged => "Nombre",
            ChangeKind.SummaryChanged => "Resumen",
            ChangeKind.DescriptionChanged => "Descripción",
            ChangeKind.FeeNoteChanged => "Nota de la tarifa",
            ChangeKind.LegalBasisChanged => "Base legal",
            ChangeKind.FaqChanged => "Preguntas frecuentes",
            ChangeKind.SimplificationChanged => "Cómo simplificamos",
            ChangeKind.PlainSummaryChanged => "Resumen en idioma maya",
            _ => kind.ToString(),
        };

        static string Values(VersionChange c) => c.Kind is ChangeKind.FeeChanged or ChangeKind.CategoryFeeChanged or ChangeKind.ExtraFeeAmountChanged or ChangeKind.LegalTimeChanged or ChangeKind.LicenceValidityChanged
            ? $" ({c.Before ?? "—"} → {c.After ?? "—"})"
            : "";

        var text = string.Join("; ", changes.Select(c => Label(c.Kind) + (c.Subject is null ? "" : $": {c.Subject}") + Values(c)));
        return text.Length <= ProcedureAuditEntry.MaxDetailLength ? text : text[..(ProcedureAuditEntry.MaxDetailLength - 1)] + "…";
    }

    private async Task<PublishingResult> CommitAsync(ProcedureVersion version, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The stamp matched when read but another save landed before ours: the UPDATE found no row.
            db.ChangeTracker.Clear();
            return PublishingResult.Conflict;
        }

        return PublishingResult.Done(version);
    }

    private static ProcedureAuditEntry Audit(Guid procedureId, ProcedureVersion version, ProcedureAuditAction action, string? section, string? detail, string actorId, DateTimeOffset at) => new()
    {
        ProcedureId = procedureId,
        VersionId = action == ProcedureAuditAction.DraftDiscarded ? null : version.Id,
        VersionNumber = version.Number,
        Action = action,
        Section = section,
        Detail = detail is null || detail.Length <= ProcedureAuditEntry.MaxDetailLength ? detail : detail[..ProcedureAuditEntry.MaxDetailLength],
        ActorId = actorId,
        At = at,
    };

    private static PublishingResult SlugTaken() =>
        PublishingResult.Invalid("Slug", "Ya existe un trámite con esa dirección. Elija otra.");

    private static PublishingResult DraftExists() =>
        new(PublishingOutcome.Invalid, [new(null, "Este trámite ya tiene un borrador: ábralo y continúe en él. Solo puede haber un borrador por trámite.")]);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,78})[a-z0-9]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SlugPattern();
}
