using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;
using MspasTramite.Core.Performance;

namespace MspasTramite.Core.Review;

public enum ReviewOutcome
{
    Done,
    NotFound,

    /// The workflow does not allow it (state, role or a guard); Messages say why.
    NotAllowed,

    /// Someone else changed the file since the page was read.
    Conflict,

    /// The input is wrong; Errors say which field and why.
    Invalid,
}

public sealed record ReviewError(string? Field, string Message);

public sealed record ReviewResult(ReviewOutcome Outcome, IReadOnlyList<ReviewError> Errors)
{
    public static ReviewResult Done { get; } = new(ReviewOutcome.Done, []);
    public static ReviewResult NotFound { get; } = new(ReviewOutcome.NotFound, []);
    public static ReviewResult Conflict { get; } = new(ReviewOutcome.Conflict, [new(null, "El expediente cambió mientras usted lo revisaba: otra persona actuó sobre él. Revise su estado actual antes de continuar.")]);

    public bool Succeeded => Outcome == ReviewOutcome.Done;

    public static ReviewResult Invalid(string field, string message) => new(ReviewOutcome.Invalid, [new(field, message)]);

    public static ReviewResult Refused(IEnumerable<string> reasons) => new(ReviewOutcome.NotAllowed, [.. reasons.Select(r => new ReviewError(null, r))]);
}

public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// Decreto 5-2021 art. 28: a file returned for correction and not pursued for 3 months is archived.
    public int CorrectionMonths { get; set; } = 3;

    /// The citizen is reminded this many days before the correction deadline.
    public int CorrectionReminderDays { get; set; } = 15;
}

/// The back office's actions on a file. Each one is a unit of work: it reads the file, checks the
/// caller's copy is current (ConcurrencyStamp) and that the workflow table allows it, changes the
/// file, records the history event, and writes timers and emails in the same transaction.
public sealed class ReviewService(
    AppDbContext db,
    TimeProvider clock,
    EmailOutbox outbox,
    ResolutionService resolutions,
    IOptions<ReviewOptions> options,
    PublicAddress address,
    HolidayCalendar holidays,
    ILogger<ReviewService> logger)
{
    private const int MinimumOpinionLength = 20;

    public Task<Application?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Applications
            .Include(a => a.ProcedureVersion).ThenInclude(v => v.Procedure)
            .Include(a => a.Documents)
            .Include(a => a.CorrectionRequest)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id && a.FileNumber != null, cancellationToken);

    public WorkflowContext Context(Application application, WorkflowActor actor) => new(application, actor, clock.GetUtcNow());

    public Task<ReviewResult> ClaimAsync(Guid id, WorkflowActor actor, Guid stamp, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            application.AssignedToId = actor.UserId;
            application.AssignedAt = context.Now;
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Claim));
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    public Task<ReviewResult> AssignAsync(Guid id, WorkflowActor actor, Guid stamp, string? analystId, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, async (application, context) =>
        {
            var analyst = string.IsNullOrEmpty(analystId) ? null : await AnalystAsync(analystId, cancellationToken).ConfigureAwait(false);
            if (analyst is null)
            {
                return ReviewResult.Invalid("AnalystId", "Elija el analista al que asigna el expediente.");
            }

            application.AssignedToId = analyst.Id;
            application.AssignedAt = context.Now;
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Assign, $"Asignado a {analyst.FullName}"));
            return ReviewResult.Done;
        }, cancellationToken);

    public Task<ReviewResult> ReleaseAsync(Guid id, WorkflowActor actor, Guid stamp, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Release));
            application.AssignedToId = null;
            application.AssignedAt = null;
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    /// Accepts or rejects one document. Not a change of state, but only the assigned analyst, while
    /// the file is in review; an accepted document stays accepted (Decreto 5-2021 art. 12: the file
    /// cannot later be rejected for a new observation about what was already accepted).
    public Task<ReviewResult> ReviewDocumentAsync(Guid id, WorkflowActor actor, Guid stamp, Guid documentId, bool accept, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            if (application.Status != ApplicationStatus.InReview || actor.UserId is null || actor.UserId != application.AssignedToId)
            {
                return Task.FromResult(ReviewResult.Refused(["Solo el analista asignado puede revisar documentos mientras el expediente está en revisión."]));
            }

            var document = application.CurrentDocuments.FirstOrDefault(d => d.Id == documentId);
            if (document is null)
            {
                return Task.FromResult(ReviewResult.NotFound);
            }

            if (document.Review == DocumentReview.Accepted)
            {
                return Task.FromResult(ReviewResult.Refused(["Este documento ya fue aceptado y no puede observarse de nuevo (Decreto 5-2021, art. 12)."]));
            }

            reason = reason?.Trim();
            if (!accept && string.IsNullOrEmpty(reason))
            {
                return Task.FromResult(ReviewResult.Invalid($"Reason-{documentId}", "Escriba el motivo del rechazo: el solicitante lo leerá para corregirlo."));
            }

            if (reason is { Length: > 1000 })
            {
                return Task.FromResult(ReviewResult.Invalid($"Reason-{documentId}", "El motivo no puede pasar de 1000 caracteres."));
            }

            document.Review = accept ? DocumentReview.Accepted : DocumentReview.Rejected;
            document.ReviewReason = accept ? null : reason;
            document.ReviewedById = actor.UserId;
            document.ReviewedAt = context.Now;
            db.ApplicationEvents.Add(InternalEvent(application, context, accept ? "document-accepted" : "document-rejected",
                accept ? document.FileName : $"{document.FileName}: {reason}"));
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    /// An internal note: staff read it in the history, the citizen never does.
    public Task<ReviewResult> AddNoteAsync(Guid id, WorkflowActor actor, Guid stamp, string? text, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            text = text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return Task.FromResult(ReviewResult.Invalid("Note", "Escriba la nota."));
            }

            if (text.Length > 4000)
            {
                return Task.FromResult(ReviewResult.Invalid("Note", "La nota no puede pasar de 4000 caracteres."));
            }

            db.ApplicationEvents.Add(InternalEvent(application, context, "note", text));
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    /// The one correction request: every rejected document and every other observation, in one
    /// notice. The legal clock stops until the citizen answers; the file is archived after the deadline.
    public Task<ReviewResult> RequestCorrectionAsync(Guid id, WorkflowActor actor, Guid stamp, string? notes, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, async (application, context) =>
        {
            notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
            if (notes is { Length: > 4000 })
            {
                return ReviewResult.Invalid("Notes", "Las observaciones no pueden pasar de 4000 caracteres.");
            }

            var names = application.ProcedureVersion.Requirements.ToDictionary(r => r.Code, r => r.Name);
            var items = application.CurrentDocuments.Where(d => d.Review == DocumentReview.Rejected)
                .Select(d => new CorrectionItem
                {
                    RequirementCode = d.RequirementCode,
                    RequirementName = names.GetValueOrDefault(d.RequirementCode, d.RequirementCode),
                    DocumentId = d.Id,
                    FileName = d.FileName,
                    Reason = d.ReviewReason ?? "",
                }).ToList();
            if (items.Count == 0 && notes is null)
            {
                return ReviewResult.Invalid("Notes", "Rechace al menos un documento o escriba qué falta: una subsanación sin observaciones no tiene nada que corregir.");
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.RequestCorrection, CorrectionSummary(items, notes)));
            var request = new CorrectionRequest
            {
                Id = Guid.CreateVersion7(),
                ApplicationId = application.Id,
                RequestedById = actor.UserId!,
                RequestedAt = context.Now,
                DueAt = context.Now.AddMonths(options.Value.CorrectionMonths),
                Notes = notes,
                Items = items,
            };
            db.CorrectionRequests.Add(request);
            application.CorrectionRequest = request;
            LegalClock.Stop(application, context.Now);
            await CancelTimersAsync(application.Id, context.Now, cancellationToken, TimerKind.SlaWarning).ConfigureAwait(false);
            AddTimer(application.Id, TimerKind.CorrectionReminder, request.DueAt.AddDays(-options.Value.CorrectionReminderDays), context.Now);
            AddTimer(application.Id, TimerKind.CorrectionDeadline, request.DueAt, context.Now);

            var applicant = await UserAsync(application.ApplicantId, cancellationToken).ConfigureAwait(false);
            ReviewEmails.CorrectionRequested(outbox, applicant, application, request, address.Link($"/mis-solicitudes/{application.Id}/subsanar"));
            return ReviewResult.Done;
        }, cancellationToken);

    /// The citizen answers the correction: every listed item must have its new document. The file
    /// returns to the same analyst and the legal clock runs again from where it stopped.
    public Task<ReviewResult> AnswerCorrectionAsync(Guid id, WorkflowActor actor, Guid stamp, string? answer, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, async (application, context) =>
        {
            var request = application.CorrectionRequest;
            answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
            if (answer is { Length: > 4000 })
            {
                return ReviewResult.Invalid("Answer", "Su respuesta no puede pasar de 4000 caracteres.");
            }

            var (allowed, reasons) = ApplicationWorkflow.Check(context, WorkflowTrigger.AnswerCorrection);
            if (!allowed)
            {
                return ReviewResult.Refused(reasons);
            }

            var pending = request!.Items.Where(i => !IsAnswered(application, request, i)).ToList();
            if (pending.Count > 0)
            {
                return new ReviewResult(ReviewOutcome.Invalid, [.. pending.Select(i => new ReviewError($"Item-{i.RequirementCode}", $"Falta el documento corregido de «{i.RequirementName}»."))]);
            }

            if (request.Notes is not null && request.Items.Count == 0 && answer is null)
            {
                return ReviewResult.Invalid("Answer", "Responda a las observaciones del analista.");
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.AnswerCorrection, answer));
            request.AnsweredAt = context.Now;
            var calendar = await holidays.GetAsync(db, context.Now, cancellationToken).ConfigureAwait(false);
            LegalClock.Resume(application, calendar, context.Now);
            await CancelTimersAsync(application.Id, context.Now, cancellationToken, TimerKind.CorrectionReminder, TimerKind.CorrectionDeadline).ConfigureAwait(false);
            await LegalClock.ScheduleWarningAsync(db, application, context.Now, cancellationToken).ConfigureAwait(false);
            if (application.AssignedToId is { } analystId)
            {
                var analyst = await UserAsync(analystId, cancellationToken).ConfigureAwait(false);
                ReviewEmails.CorrectionAnswered(outbox, analyst, application, address.Link($"/backoffice/expedientes/{application.Id}"));
            }

            return ReviewResult.Done;
        }, cancellationToken);

    /// A document the citizen uploads answering the correction, for one of the listed items only.
    /// It replaces the rejected document (and any earlier replacement of it), which stays in the history.
    public async Task<(ReviewResult Result, ApplicationDocument? Document)> AddCorrectionDocumentAsync(
        Application application, string actorId, string requirementCode, StoredFile stored, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(stored);
        var request = application.CorrectionRequest;
        var item = request?.Items.FirstOrDefault(i => i.RequirementCode == requirementCode);
        if (application.Status != ApplicationStatus.AwaitingCorrection || request is null || item is null || application.ApplicantId != actorId)
        {
            return (ReviewResult.Refused(["Solo puede reemplazar los documentos que se le pidió corregir."]), null);
        }

        var now = clock.GetUtcNow();
        if (now > request.DueAt)
        {
            return (ReviewResult.Refused(["El plazo para subsanar ya venció."]), null);
        }

        var document = ApplicationDocument.Create(application.Id, requirementCode, fileName, stored, now);
        foreach (var replaced in ReplaceableBy(application, request, item))
        {
            replaced.SupersededById = document.Id;
        }

        application.Documents.Add(document);
        db.ApplicationDocuments.Add(document);
        db.ApplicationEvents.Add(ApplicationEvent.Create(application.Id, now, "document-replaced", actorId, note: $"{item.RequirementName}: {document.FileName}"));
        application.UpdatedAt = now;
        application.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (ReviewResult.Conflict, null);
        }

        return (ReviewResult.Done, document);
    }

    public static bool IsAnswered(Application application, CorrectionRequest request, CorrectionItem item)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(item);
        return application.CurrentDocuments.Any(d => d.RequirementCode == item.RequirementCode && d.UploadedAt >= request.RequestedAt && d.Id != item.DocumentId)
            && (item.DocumentId is null || application.Documents.Any(d => d.Id == item.DocumentId && d.SupersededById is not null));
    }

    public Task<ReviewResult> ScheduleInspectionAsync(Guid id, WorkflowActor actor, Guid stamp, DateTimeOffset? when, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, async (application, context) =>
        {
            if (when is not { } at)
            {
                return ReviewResult.Invalid("InspectionAt", "Indique la fecha y hora de la inspección.");
            }

            if (at <= context.Now)
            {
                return ReviewResult.Invalid("InspectionAt", "La inspección debe programarse para una fecha futura.");
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.ScheduleInspection, GuatemalaTime.Format(at)));
            application.InspectionScheduledFor = at;
            var applicant = await UserAsync(application.ApplicantId, cancellationToken).ConfigureAwait(false);
            ReviewEmails.InspectionScheduled(outbox, applicant, application, at);
            return ReviewResult.Done;
        }, cancellationToken);

    public Task<ReviewResult> RecordInspectionAsync(Guid id, WorkflowActor actor, Guid stamp, bool? favourable, string? notes, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            notes = notes?.Trim();
            if (favourable is null)
            {
                return Task.FromResult(ReviewResult.Invalid("Favourable", "Indique si el resultado de la inspección fue favorable."));
            }

            if (string.IsNullOrEmpty(notes))
            {
                return Task.FromResult(ReviewResult.Invalid("InspectionNotes", "Escriba lo que se observó en la inspección."));
            }

            if (notes.Length > 4000)
            {
                return Task.FromResult(ReviewResult.Invalid("InspectionNotes", "Las observaciones no pueden pasar de 4000 caracteres."));
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.RecordInspection, favourable.Value ? "Resultado favorable" : "Resultado desfavorable"));
            db.ApplicationEvents.Add(InternalEvent(application, context, "note", notes));
            application.InspectedAt = context.Now;
            application.InspectionFavourable = favourable;
            application.InspectionNotes = notes;
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    /// The analyst's technical opinion ("dictamen"). The opinion itself is internal: the citizen
    /// reads the decision and its grounds, not the staff's deliberation.
    public Task<ReviewResult> RecommendAsync(Guid id, WorkflowActor actor, Guid stamp, Recommendation? recommendation, string? opinion, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, (application, context) =>
        {
            opinion = opinion?.Trim();
            if (recommendation is null)
            {
                return Task.FromResult(ReviewResult.Invalid("Recommendation", "Elija si recomienda aprobar o denegar."));
            }

            if (string.IsNullOrEmpty(opinion) || opinion.Length < MinimumOpinionLength)
            {
                return Task.FromResult(ReviewResult.Invalid("Opinion", $"Escriba el dictamen que fundamenta su recomendación (al menos {MinimumOpinionLength} caracteres)."));
            }

            if (opinion.Length > 8000)
            {
                return Task.FromResult(ReviewResult.Invalid("Opinion", "El dictamen no puede pasar de 8000 caracteres."));
            }

            if (recommendation == Recommendation.Approve)
            {
                if (application.CurrentDocuments.Any(d => d.Review == DocumentReview.Rejected))
                {
                    return Task.FromResult(ReviewResult.Refused(["Hay documentos rechazados: no puede recomendar aprobar."]));
                }

                if (application.ProcedureVersion.RequiresInspection && application.InspectionFavourable == false)
                {
                    return Task.FromResult(ReviewResult.Refused(["La inspección fue desfavorable: no puede recomendar aprobar."]));
                }
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Recommend));
            db.ApplicationEvents.Add(InternalEvent(application, context, "opinion",
                $"{(recommendation == Recommendation.Approve ? "Recomienda aprobar" : "Recomienda denegar")}. {opinion}"));
            application.Recommendation = recommendation;
            application.Opinion = opinion;
            application.RecommendedById = actor.UserId;
            application.RecommendedAt = context.Now;
            return Task.FromResult(ReviewResult.Done);
        }, cancellationToken);

    public Task<ReviewResult> ApproveAsync(Guid id, WorkflowActor actor, Guid stamp, CancellationToken cancellationToken = default) =>
        DecideAsync(id, actor, stamp, WorkflowTrigger.Approve, null, cancellationToken);

    /// A rejection carries its grounds, and never a fee (Decreto 5-2021 art. 12).
    public Task<ReviewResult> RejectAsync(Guid id, WorkflowActor actor, Guid stamp, string? grounds, CancellationToken cancellationToken = default) =>
        DecideAsync(id, actor, stamp, WorkflowTrigger.Reject, grounds, cancellationToken);

    public Task<ReviewResult> SendBackAsync(Guid id, WorkflowActor actor, Guid stamp, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, stamp, async (application, context) =>
        {
            reason = reason?.Trim();
            if (string.IsNullOrEmpty(reason))
            {
                return ReviewResult.Invalid("Reason", "Escriba qué debe revisar de nuevo el analista.");
            }

            if (reason.Length > 4000)
            {
                return ReviewResult.Invalid("Reason", "El motivo no puede pasar de 4000 caracteres.");
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.SendBack));
            db.ApplicationEvents.Add(InternalEvent(application, context, "note", reason));
            var analystId = application.RecommendedById ?? application.AssignedToId;
            application.Recommendation = null;
            application.Opinion = null;
            application.RecommendedById = null;
            application.RecommendedAt = null;
            if (analystId is not null)
            {
                var analyst = await UserAsync(analystId, cancellationToken).ConfigureAwait(false);
                ReviewEmails.SentBack(outbox, analyst, application, reason, address.Link($"/backoffice/expedientes/{application.Id}"));
            }

            return ReviewResult.Done;
        }, cancellationToken);

    /// Fires one due timer's effect. Called by TimerService inside the transaction that marks the
    /// timer fired, so the effect and the mark commit together or not at all.
    internal async Task ApplyTimerAsync(WorkflowTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var application = await FindAsync(timer.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (application is null)
        {
            return;
        }

        var context = new WorkflowContext(application, WorkflowActor.System, now);
        switch (timer.Kind)
        {
            case TimerKind.CorrectionReminder when application.Status == ApplicationStatus.AwaitingCorrection:
                ReviewEmails.CorrectionReminder(outbox, await UserAsync(application.ApplicantId, cancellationToken).ConfigureAwait(false),
                    application, application.CorrectionRequest!, address.Link($"/mis-solicitudes/{application.Id}/subsanar"));
                break;
            case TimerKind.CorrectionDeadline when application.Status == ApplicationStatus.AwaitingCorrection:
                db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, WorkflowTrigger.Abandon,
                    "Sin respuesta a la subsanación en el plazo legal (Decreto 5-2021, art. 28)."));
                application.ClockStoppedAt = null;
                Touch(application, now);
                await CancelTimersAsync(application.Id, now, cancellationToken, TimerKind.CorrectionReminder, TimerKind.SlaWarning).ConfigureAwait(false);
                ReviewEmails.Abandoned(outbox, await UserAsync(application.ApplicantId, cancellationToken).ConfigureAwait(false), application);
                break;
            case TimerKind.SlaWarning when ApplicationStatus.Open.Contains(application.Status) && application.ClockStoppedAt is null:
                var heads = await (
                    from u in db.Users
                    join ur in db.UserRoles on u.Id equals ur.UserId
                    join r in db.Roles on ur.RoleId equals r.Id
                    where r.Name == Roles.Jefe && u.EmailConfirmed
                    select u).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var head in heads)
                {
                    ReviewEmails.SlaWarning(outbox, head, application, address.Link($"/backoffice/expedientes/{application.Id}"));
                }

                break;
            default:
                // The file moved on (answered, decided, withdrawn): the timer has nothing left to do.
                break;
        }
    }

    private async Task<ReviewResult> DecideAsync(Guid id, WorkflowActor actor, Guid stamp, WorkflowTrigger trigger, string? grounds, CancellationToken cancellationToken) =>
        await ActAsync(id, actor, stamp, async (application, context) =>
        {
            grounds = grounds?.Trim();
            if (trigger == WorkflowTrigger.Reject && string.IsNullOrEmpty(grounds))
            {
                return ReviewResult.Invalid("Grounds", "Escriba los fundamentos de la denegatoria: el solicitante los leerá en la resolución.");
            }

            if (grounds is { Length: > ResolutionService.MaxGroundsLength })
            {
                return ReviewResult.Invalid("Grounds", $"Los fundamentos no pueden pasar de {ResolutionService.MaxGroundsLength} caracteres.");
            }

            db.ApplicationEvents.Add(ApplicationWorkflow.Fire(context, trigger, grounds));
            application.DecidedById = actor.UserId;
            application.DecidedAt = context.Now;
            application.DecisionGrounds = grounds;
            await CancelTimersAsync(application.Id, context.Now, cancellationToken, Enum.GetValues<TimerKind>()).ConfigureAwait(false);

            var head = await UserAsync(actor.UserId!, cancellationToken).ConfigureAwait(false);
            var applicant = await UserAsync(application.ApplicantId, cancellationToken).ConfigureAwait(false);
            var kind = trigger == WorkflowTrigger.Approve ? ResolutionKind.Licence : ResolutionKind.Rejection;
            var resolution = await resolutions.IssueAsync(application, applicant, kind, head.Id, head.FullName, grounds, context.Now, cancellationToken).ConfigureAwait(false);
            ReviewEmails.Decided(outbox, applicant, application, resolution, address.Link($"/mis-solicitudes/{application.Id}/resolucion"), address.Link($"/verificar/{resolution.VerificationCode}"),
                address.Link(SurveyService.Path(application.Id, SurveyMoment.AfterDecision)));
            return ReviewResult.Done;
        }, cancellationToken).ConfigureAwait(false);

    /// One action as one transaction. A stale stamp, or a concurrent writer that commits first (the
    /// ConcurrencyStamp token makes the UPDATE match no row), is a Conflict: of two analysts claiming
    /// the same file at once, one wins and the other is told.
    private async Task<ReviewResult> ActAsync(Guid id, WorkflowActor actor, Guid stamp, Func<Application, WorkflowContext, Task<ReviewResult>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async transaction =>
            {
                var application = await FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (application is null)
                {
                    return ReviewResult.NotFound;
                }

                if (application.ConcurrencyStamp != stamp)
                {
                    return ReviewResult.Conflict;
                }

                var context = Context(application, actor);
                ReviewResult result;
                try
                {
                    result = await work(application, context).ConfigureAwait(false);
                }
                catch (WorkflowRefusedException refused)
                {
                    result = ReviewResult.Refused(refused.Reasons);
                }

                if (!result.Succeeded)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    return result;
                }

                Touch(application, context.Now);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Application {ApplicationId}: {Status} by {ActorId}", application.Id, application.Status, actor.UserId ?? "system");
                return result;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The database's own guard (one correction request, one resolution per file) caught a race.
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict;
        }
    }

    private static void Touch(Application application, DateTimeOffset now)
    {
        application.UpdatedAt = now;
        application.ConcurrencyStamp = Guid.NewGuid();
    }

    private static List<ApplicationDocument> ReplaceableBy(Application application, CorrectionRequest request, CorrectionItem item) =>
        application.CurrentDocuments.Where(d => d.RequirementCode == item.RequirementCode
            && (d.Id == item.DocumentId || d.UploadedAt >= request.RequestedAt)).ToList();

    private static ApplicationEvent InternalEvent(Application application, WorkflowContext context, string kind, string note)
    {
        var e = ApplicationEvent.Create(application.Id, context.Now, kind, context.Actor.UserId, note: note);
        e.Internal = true;
        e.ProcedureVersion = application.ProcedureVersion.Number;
        e.WorkflowVersion = application.WorkflowVersion;
        return e;
    }

    private static string CorrectionSummary(IEnumerable<CorrectionItem> items, string? notes) =>
        string.Join("; ", items.Select(i => $"{i.RequirementName} ({i.FileName}): {i.Reason}").Concat(notes is null ? [] : [notes]));

    private void AddTimer(Guid applicationId, TimerKind kind, DateTimeOffset dueAt, DateTimeOffset now) =>
        db.WorkflowTimers.Add(WorkflowTimer.Create(applicationId, kind, dueAt, now));

    private Task<int> CancelTimersAsync(Guid applicationId, DateTimeOffset now, CancellationToken cancellationToken, params TimerKind[] kinds) =>
        db.WorkflowTimers
            .Where(t => t.ApplicationId == applicationId && kinds.Contains(t.Kind) && t.FiredAt == null && t.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CancelledAt, now), cancellationToken);

    private Task<ApplicationUser> UserAsync(string id, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().SingleAsync(u => u.Id == id, cancellationToken);

    private Task<ApplicationUser?> AnalystAsync(string id, CancellationToken cancellationToken) => (
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where u.Id == id && r.Name == Roles.Analista
        select u).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
}
