using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;
using MspasTramite.Core.Review;

namespace MspasTramite.Core.Applications;

/// An application as its applicant's status page shows it (ApplicationService.StatusForApplicantAsync).
public sealed record ApplicationStatusView(Application Application, bool HasReceipt, Resolution? Resolution, IReadOnlyCollection<SurveyMoment> AnsweredSurveys);

public enum SubmitOutcome
{
    Submitted,
    Incomplete,
    FeeNotPublished,
    NotADraft,

    /// The draft's version is no longer the published one: it must move (and the citizen read what
    /// changed) before it is filed.
    VersionChanged,
}

/// The citizen's side of an application: drafts, documents, submission, withdrawal.
public sealed class ApplicationService(AppDbContext db, DocumentStore documents, TimeProvider clock)
{
    public Task<ProcedureVersion?> PublishedVersionAsync(string slug, CancellationToken cancellationToken = default) =>
        db.ProcedureVersions.Include(v => v.Procedure)
            .Where(v => v.Procedure.Slug == slug && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<Application> CreateDraftAsync(string applicantId, ProcedureVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var now = clock.GetUtcNow();
        var application = new Application
        {
            Id = Guid.CreateVersion7(),
            ApplicantId = applicantId,
            ProcedureVersionId = version.Id,
            Status = ApplicationStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        application.Events.Add(Event(application, applicantId, "draft-created", null, ApplicationStatus.Draft, null));
        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return application;
    }

    /// Someone else's application, or one that does not exist, is the same "not found".
    public Task<Application?> FindForApplicantAsync(Guid id, string applicantId, CancellationToken cancellationToken = default) =>
        db.Applications
            .Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure)
            .Include(a => a.Documents)
            .Include(a => a.CorrectionRequest)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id && a.ApplicantId == applicantId, cancellationToken);

    /// The applicant's application with what its status page shows beside it, in one query: the
    /// version, documents and correction as FindForApplicantAsync loads them (tracked), and whether
    /// it has a receipt, its resolution and which survey moments were answered. The documents are
    /// its only collection, so the single query repeats the row once per document, never a product
    /// of two collections. Null when it is not this applicant's.
    public async Task<ApplicationStatusView?> StatusForApplicantAsync(Guid id, string applicantId, CancellationToken cancellationToken = default)
    {
        var row = await db.Applications
            .Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure)
            .Include(a => a.Documents)
            .Include(a => a.CorrectionRequest)
            .AsSingleQuery()
            .Where(a => a.Id == id && a.ApplicantId == applicantId)
            .Select(a => new
            {
                Application = a,
                HasReceipt = db.Receipts.Any(r => r.ApplicationId == a.Id),
                Resolution = db.Resolutions.FirstOrDefault(r => r.ApplicationId == a.Id),
                RatedPayment = db.SurveyResponses.Any(s => s.ApplicationId == a.Id && s.Moment == SurveyMoment.AfterPayment),
                RatedDecision = db.SurveyResponses.Any(s => s.ApplicationId == a.Id && s.Moment == SurveyMoment.AfterDecision),
            })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var answered = new List<SurveyMoment>(2);
        if (row.RatedPayment)
        {
            answered.Add(SurveyMoment.AfterPayment);
        }

        if (row.RatedDecision)
        {
            answered.Add(SurveyMoment.AfterDecision);
        }

        return new ApplicationStatusView(row.Application, row.HasReceipt, row.Resolution, answered);
    }

    /// Saves a step. Throws DbUpdateConcurrencyException when the application changed meanwhile.
    public async Task SaveAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        application.UpdatedAt = clock.GetUtcNow();
        application.ConcurrencyStamp = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// Moves a draft to its procedure's published version when that is newer than the draft's (a draft
    /// started under the old version moves at its next step; a submitted application never moves: it
    /// keeps its version, fee and legal time). Returns the application as it stands now, reloaded when
    /// another request (a second tab) changed it meanwhile, and whether this call moved it.
    /// Idempotent: once the draft is under the published version, nothing happens.
    public async Task<(Application Application, bool Moved)> MoveToPublishedAsync(Application application, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        for (var attempt = 0; ; attempt++)
        {
            if (!application.IsDraft)
            {
                return (application, false);
            }

            var from = application.ProcedureVersion;
            // Every step load asks this; the whole version is read only when the draft must move.
            var current = await db.ProcedureVersions
                .Where(v => v.ProcedureId == from.ProcedureId && v.Status == VersionStatus.Published)
                .OrderByDescending(v => v.Number)
                .Select(v => new { v.Id, v.Number })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            // Only forward: a procedure whose published version was withdrawn leaves its drafts where they are.
            if (current is null || current.Id == from.Id || current.Number < from.Number)
            {
                return (application, false);
            }

            var published = await db.ProcedureVersions.Include(v => v.Procedure).FirstAsync(v => v.Id == current.Id, cancellationToken).ConfigureAwait(false);
            DraftMove.Apply(application, published);
            var origin = application.MovedFromVersionId == from.Id
                ? from
                : await db.ProcedureVersions.AsNoTracking().FirstAsync(v => v.Id == application.MovedFromVersionId, cancellationToken).ConfigureAwait(false);
            if (!VersionChanges.Between(origin, published).Any(VersionChanges.AffectsApplicant))
            {
                // Only wording changed (or a later version undid an earlier change): nothing to tell.
                application.MovedFromVersionId = null;
            }

            var moved = Event(application, actorId, "version-moved", null, null, $"{from.Number} → {published.Number}");
            moved.ProcedureVersion = published.Number;
            db.ApplicationEvents.Add(moved);
            try
            {
                await SaveAsync(application, cancellationToken).ConfigureAwait(false);
                return (application, true);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                // Another tab saved (or moved) the draft first: read it again and decide anew, which
                // finds it already moved and does nothing.
                db.ChangeTracker.Clear();
                application = await FindForApplicantAsync(application.Id, application.ApplicantId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The application disappeared while it was being moved.");
            }
        }
    }

    /// What the citizen has not yet read about their draft's move to a newer version; null when nothing.
    public async Task<VersionMove?> PendingMoveAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.MovedFromVersionId is not { } fromId || !application.IsDraft)
        {
            return null;
        }

        var from = await db.ProcedureVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == fromId, cancellationToken).ConfigureAwait(false);
        return from is null ? null : new VersionMove(from, application.ProcedureVersion, VersionChanges.Between(from, application.ProcedureVersion));
    }

    /// "Entendido": the citizen read what changed. Idempotent; a save from another tab meanwhile is
    /// read again rather than reported, since acknowledging twice is the same as once.
    public async Task<Application> AcknowledgeMoveAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        for (var attempt = 0; ; attempt++)
        {
            if (application.MovedFromVersionId is null)
            {
                return application;
            }

            application.MovedFromVersionId = null;
            try
            {
                await SaveAsync(application, cancellationToken).ConfigureAwait(false);
                return application;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
                application = await FindForApplicantAsync(application.Id, application.ApplicantId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The application disappeared while it was being acknowledged.");
            }
        }
    }

    public async Task<(ApplicationDocument? Document, UploadProblem Problem)> AddDocumentAsync(
        Application application, Requirement requirement, string? fileName, Stream content, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(requirement);
        var (stored, problem) = await documents.SaveAsync(content, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return (null, problem);
        }

        var document = ApplicationDocument.Create(application.Id, requirement.Code, fileName, stored, clock.GetUtcNow());
        application.Documents.Add(document);
        db.ApplicationDocuments.Add(document);
        db.ApplicationEvents.Add(Event(application, actorId, "document-added", null, null, $"{requirement.Name}: {document.FileName}"));
        await SaveAsync(application, cancellationToken).ConfigureAwait(false);
        return (document, UploadProblem.None);
    }

    /// Documents of the same applicant's earlier applications that could stand for this requirement.
    public async Task<IReadOnlyList<(ApplicationDocument Document, string? FileNumber)>> ReusableDocumentsAsync(
        Application application, string requirementCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var rows = await (
            from d in db.ApplicationDocuments
            join a in db.Applications on d.ApplicationId equals a.Id
            where a.ApplicantId == application.ApplicantId && a.Id != application.Id && a.FileNumber != null && d.RequirementCode == requirementCode
            orderby d.UploadedAt descending
            select new { Document = d, a.FileNumber }).Take(5).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(r => application.Documents.All(x => x.Sha256 != r.Document.Sha256 || x.RequirementCode != requirementCode))
            .Select(r => (r.Document, r.FileNumber))];
    }

    public async Task<ApplicationDocument?> ReuseDocumentAsync(Application application, Requirement requirement, Guid documentId, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(requirement);
        var candidates = await ReusableDocumentsAsync(application, requirement.Code, cancellationToken).ConfigureAwait(false);
        var source = candidates.Select(c => c.Document).FirstOrDefault(d => d.Id == documentId);
        if (source is null)
        {
            return null;
        }

        var document = new ApplicationDocument
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = application.Id,
            RequirementCode = requirement.Code,
            FileName = DocumentStore.FileNameFor(source.FileName, source.ContentType),
            StoredName = source.StoredName,
            ContentType = source.ContentType,
            Size = source.Size,
            Sha256 = source.Sha256,
            UploadedAt = clock.GetUtcNow(),
            ReusedFromId = source.Id,
        };
        application.Documents.Add(document);
        db.ApplicationDocuments.Add(document);
        db.ApplicationEvents.Add(Event(application, actorId, "document-reused", null, null, $"{requirement.Name}: {document.FileName}"));
        await SaveAsync(application, cancellationToken).ConfigureAwait(false);
        return document;
    }

    public async Task<bool> RemoveDocumentAsync(Application application, Guid documentId, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var document = application.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null)
        {
            return false;
        }

        // The stored file stays: another application may reuse it, and the history names it.
        application.Documents.Remove(document);
        db.ApplicationDocuments.Remove(document);
        db.ApplicationEvents.Add(Event(application, actorId, "document-removed", null, null, document.FileName));
        await SaveAsync(application, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<(SubmitOutcome Outcome, IReadOnlyList<MissingItem> Missing)> SubmitAsync(
        Application application, bool applicantHasNit, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!application.IsDraft)
        {
            return (SubmitOutcome.NotADraft, []);
        }

        var missing = ApplicationChecklist.Missing(application, applicantHasNit);
        if (missing.Count > 0)
        {
            return (SubmitOutcome.Incomplete, missing);
        }

        var version = application.ProcedureVersion;
        if (version.Status != VersionStatus.Published)
        {
            return (SubmitOutcome.VersionChanged, []);
        }

        var fee = Fees.Compute(version, application.CategoryCode, application.ExtraFeeCodes);
        if (fee is null)
        {
            return (SubmitOutcome.FeeNotPublished, []);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            application.FileNumber = await NextFileNumberAsync(version.Procedure.Department, now, cancellationToken).ConfigureAwait(false);
            application.FeeAmount = fee;
            application.SubmittedAt = now;
            // The review page showed what changed before the citizen chose to send: nothing left to read.
            application.MovedFromVersionId = null;
            application.WorkflowVersion = ApplicationWorkflow.CurrentVersion;
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(Citizen(application, actorId), WorkflowTrigger.Submit, application.FileNumber));
            await SaveAsync(application, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return (SubmitOutcome.Submitted, []);
    }

    public async Task<bool> WithdrawAsync(Application application, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        // Only before payment (the workflow table): once paid, the back office decides.
        var context = Citizen(application, actorId);
        if (!ApplicationWorkflow.Check(context, WorkflowTrigger.Withdraw).Allowed)
        {
            return false;
        }

        db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Withdraw));
        await SaveAsync(application, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<List<ApplicationEvent>> TimelineAsync(Guid applicationId, bool includeInternal, CancellationToken cancellationToken = default) =>
        db.ApplicationEvents.AsNoTracking()
            .Where(e => e.ApplicationId == applicationId && (includeInternal || !e.Internal))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);

    /// DRCA-2026-000123: one series per department and year (Guatemala's year, UTC−6).
    private async Task<string> NextFileNumberAsync(Department department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var year = GuatemalaTime.ToLocal(now).Year;
        var next = await NumberSeries.NextAsync(db, department.ToString(), year, cancellationToken).ConfigureAwait(false);
        return $"{department}-{year}-{next:000000}";
    }

    private WorkflowContext Citizen(Application application, string actorId) =>
        new(application, new WorkflowActor(actorId, new HashSet<string> { Roles.Solicitante }), clock.GetUtcNow());

    private ApplicationEvent Event(Application application, string? actorId, string kind, string? from, string? to, string? note) =>
        ApplicationEvent.Create(application.Id, clock.GetUtcNow(), kind, actorId, from, to, note);
}
