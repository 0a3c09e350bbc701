using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// One file as staff see it: the applicant's data, every document with its review, the correction
/// request, inspection, opinion, the full history with internal notes, and the actions the workflow
/// table allows this person now. Every action posts the ConcurrencyStamp the page was drawn with,
/// so acting on a stale page is refused with "changed by someone else".
public sealed class ApplicationModel(
    ReviewService review,
    AppDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    HolidayCalendar holidays,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record TimelineRow(ApplicationEvent Event, string? Actor);

    public Application Application { get; private set; } = null!;
    public ApplicationUser Applicant { get; private set; } = null!;
    public string? AssignedTo { get; private set; }
    public string? RecommendedBy { get; private set; }
    public IReadOnlyList<WorkflowTrigger> Actions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Analysts { get; private set; } = [];
    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];
    public Receipt? Receipt { get; private set; }
    public Resolution? Resolution { get; private set; }
    public int? Remaining { get; private set; }
    public SlaLight Light { get; private set; }
    public bool IsAssignee { get; private set; }

    /// The stamp of the file as drawn; every form posts it back.
    [BindProperty]
    public Guid Stamp { get; set; }

    [BindProperty]
    public string? AnalystId { get; set; }

    [BindProperty]
    public Guid DocumentId { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? DocumentReason { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Note { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Notes { get; set; }

    [BindProperty]
    public string? InspectionAt { get; set; }

    [BindProperty]
    public string? Favourable { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? InspectionNotes { get; set; }

    [BindProperty]
    public string? Recommendation { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Opinion { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Grounds { get; set; }

    [BindProperty]
    [DataType(DataType.MultilineText)]
    public string? Reason { get; set; }

    public bool CanReviewDocuments => IsAssignee && Application.Status == ApplicationStatus.InReview;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostClaimAsync(Guid id) =>
        ActAsync(id, () => review.ClaimAsync(id, Actor, Stamp, Aborted), "Tomó el expediente: ahora está en su trabajo.");

    public Task<IActionResult> OnPostReleaseAsync(Guid id) =>
        ActAsync(id, () => review.ReleaseAsync(id, Actor, Stamp, Aborted), "Liberó el expediente: vuelve a la bandeja sin asignar.");

    public Task<IActionResult> OnPostAssignAsync(Guid id) =>
        ActAsync(id, () => review.AssignAsync(id, Actor, Stamp, AnalystId, Aborted), "Expediente asignado.");

    public Task<IActionResult> OnPostAcceptDocumentAsync(Guid id) =>
        ActAsync(id, () => review.ReviewDocumentAsync(id, Actor, Stamp, DocumentId, accept: true, null, Aborted), "Documento aceptado.");

    public Task<IActionResult> OnPostRejectDocumentAsync(Guid id) =>
        ActAsync(id, () => review.ReviewDocumentAsync(id, Actor, Stamp, DocumentId, accept: false, DocumentReason, Aborted), "Documento rechazado.");

    public Task<IActionResult> OnPostNoteAsync(Guid id) =>
        ActAsync(id, () => review.AddNoteAsync(id, Actor, Stamp, Note, Aborted), "Nota interna agregada.");

    public Task<IActionResult> OnPostRequestCorrectionAsync(Guid id) =>
        ActAsync(id, () => review.RequestCorrectionAsync(id, Actor, Stamp, Notes, Aborted), "Se envió la solicitud de subsanación al solicitante.");

    public Task<IActionResult> OnPostScheduleInspectionAsync(Guid id)
    {
        DateTimeOffset? at = DateTime.TryParseExact(InspectionAt, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, GuatemalaTime.Offset)
            : null;
        return ActAsync(id, () => review.ScheduleInspectionAsync(id, Actor, Stamp, at, Aborted), "Inspección programada; se avisó al solicitante.");
    }

    public Task<IActionResult> OnPostRecordInspectionAsync(Guid id)
    {
        bool? favourable = Favourable switch { "si" => true, "no" => false, _ => null };
        return ActAsync(id, () => review.RecordInspectionAsync(id, Actor, Stamp, favourable, InspectionNotes, Aborted), "Resultado de la inspección registrado.");
    }

    public Task<IActionResult> OnPostRecommendAsync(Guid id)
    {
        Recommendation? recommendation = Recommendation switch { "aprobar" => Core.Applications.Recommendation.Approve, "denegar" => Core.Applications.Recommendation.Reject, _ => null };
        return ActAsync(id, () => review.RecommendAsync(id, Actor, Stamp, recommendation, Opinion, Aborted), "Dictamen emitido: el expediente pasa a la jefatura.");
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id) =>
        ActAsync(id, () => review.ApproveAsync(id, Actor, Stamp, Aborted), "Expediente aprobado: se emitió la licencia y se avisó al solicitante.");

    public Task<IActionResult> OnPostRejectAsync(Guid id) =>
        ActAsync(id, () => review.RejectAsync(id, Actor, Stamp, Grounds, Aborted), "Expediente denegado: se emitió la resolución y se avisó al solicitante.");

    public Task<IActionResult> OnPostSendBackAsync(Guid id) =>
        ActAsync(id, () => review.SendBackAsync(id, Actor, Stamp, Reason, Aborted), "Expediente devuelto al analista.");

    public string DocumentUrl(ApplicationDocument document, bool inline = false) =>
        $"/backoffice/documentos/{document.Id}{(inline ? "?ver=1" : "")}";

    public string RequirementName(string code) =>
        Application.ProcedureVersion.Requirements.FirstOrDefault(r => r.Code == code)?.Name ?? code;

    private CancellationToken Aborted => HttpContext.RequestAborted;

    private WorkflowActor Actor => new(users.GetUserId(User), Roles.All.Where(User.IsInRole).ToHashSet());

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<ReviewResult>> action, string done)
    {
        var result = await action();
        if (result.Outcome == ReviewOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = l[done].Value;
            return Redirect($"/backoffice/expedientes/{id}");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field ?? string.Empty, l[error.Message]);
        }

        if (result.Outcome == ReviewOutcome.Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var application = await review.FindAsync(id, Aborted);
        if (application is null)
        {
            return false;
        }

        Application = application;
        var now = clock.GetUtcNow();
        var userId = users.GetUserId(User);
        IsAssignee = userId is not null && userId == application.AssignedToId;
        Applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == application.ApplicantId, Aborted);
        Actions = ApplicationWorkflow.Permitted(review.Context(application, Actor));
        Receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id, Aborted);
        Resolution = await db.Resolutions.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id, Aborted);
        var calendar = await holidays.GetAsync(db, now, Aborted);
        Remaining = LegalClock.Remaining(application, calendar, now);
        Light = LegalClock.Light(application, now);

        var events = await db.ApplicationEvents.AsNoTracking()
            .Where(e => e.ApplicationId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(Aborted);
        var people = events.Select(e => e.ActorId).Append(application.AssignedToId).Append(application.RecommendedById).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, Aborted);
        Timeline = [.. events.Select(e => new TimelineRow(e, e.ActorId is null ? null : names.GetValueOrDefault(e.ActorId)))];
        AssignedTo = application.AssignedToId is null ? null : names.GetValueOrDefault(application.AssignedToId);
        RecommendedBy = application.RecommendedById is null ? null : names.GetValueOrDefault(application.RecommendedById);

        if (Actions.Contains(WorkflowTrigger.Assign))
        {
            Analysts = [.. (await users.GetUsersInRoleAsync(Roles.Analista))
                .Where(u => u.EmailConfirmed)
                .OrderBy(u => u.FullName, StringComparer.Create(CultureInfo.GetCultureInfo("es-GT"), true))
                .Select(u => new SelectListItem(u.FullName, u.Id))];
        }

        return true;
    }
}
