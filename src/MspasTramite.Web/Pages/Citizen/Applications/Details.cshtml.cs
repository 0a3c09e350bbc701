using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Performance;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class DetailsModel(ApplicationService applications, UserManager<ApplicationUser> users, AppDbContext db, TimeProvider clock, HolidayCalendar holidays, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public IReadOnlyList<ApplicationEvent> Timeline { get; private set; } = [];

    public bool CanWithdraw => Application.Status is ApplicationStatus.Draft or ApplicationStatus.AwaitingPayment;

    public bool HasReceipt { get; private set; }

    public Resolution? Resolution { get; private set; }

    /// Days of legal time left (negative when exceeded); null before payment and after the decision.
    public int? Remaining { get; private set; }

    public CorrectionRequest? Correction { get; private set; }

    /// The survey the citizen is invited to answer now (after the decision, or after payment).
    public SurveyMoment? SurveyInvitation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var aborted = HttpContext.RequestAborted;
        var userId = Users.GetUserId(User);
        if (userId is null)
        {
            return NotFound();
        }

        // Two queries (the application with what the page shows beside it; its history) on one
        // connection, rather than seven each opening and closing their own.
        await db.Database.OpenConnectionAsync(aborted);
        try
        {
            if (await Applications.StatusForApplicantAsync(id, userId, aborted) is not { } status)
            {
                return NotFound();
            }

            Show(status.Application);
            HasReceipt = status.HasReceipt;
            Resolution = status.Resolution;
            Correction = status.Application.CorrectionRequest;
            SurveyInvitation = SurveyService.Pending(status.Application, status.AnsweredSurveys);
            // The citizen's timeline leaves out the back office's internal notes.
            Timeline = await Applications.TimelineAsync(id, includeInternal: false, aborted);
            if (ApplicationStatus.Open.Contains(Application.Status))
            {
                var now = clock.GetUtcNow();
                Remaining = LegalClock.Remaining(Application, await holidays.GetAsync(db, now, aborted), now);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return Page();
    }

    /// One list of status names for every page (the back office's workflow names).
    public static string StatusName(string status) => Backoffice.WorkflowNames.State(status);

    public static IReadOnlyList<string> EventKinds { get; } =
    [
        "draft-created", "document-added", "document-reused", "document-removed", "submitted", "withdrawn", "paid", "refunded", "expired",
        "claimed", "assigned", "released", "correction-requested", "correction-answered", "abandoned", "inspection-scheduled", "inspection-recorded",
        "recommended", "approved", "rejected", "sent-back", "document-accepted", "document-rejected", "document-replaced", "note", "opinion", "licence-revoked",
        "version-moved",
    ];

    public static string EventName(string kind) => kind switch
    {
        "draft-created" => "Borrador creado",
        "document-added" => "Documento agregado",
        "document-reused" => "Documento reutilizado de un expediente anterior",
        "document-removed" => "Documento quitado",
        "submitted" => "Solicitud enviada",
        "withdrawn" => "Solicitud retirada",
        "paid" => "Pago recibido",
        "refunded" => "Reembolso",
        "expired" => "Solicitud vencida por falta de pago",
        "claimed" => "Un analista tomó el expediente",
        "assigned" => "Expediente asignado a un analista",
        "released" => "Expediente devuelto a la bandeja",
        "correction-requested" => "Se solicitó subsanar",
        "correction-answered" => "Subsanación respondida",
        "abandoned" => "Expediente archivado por falta de respuesta",
        "inspection-scheduled" => "Inspección programada",
        "inspection-recorded" => "Inspección realizada",
        "recommended" => "Dictamen técnico emitido",
        "approved" => "Solicitud aprobada",
        "rejected" => "Solicitud denegada",
        "sent-back" => "Expediente devuelto a revisión",
        "document-accepted" => "Documento aceptado",
        "document-rejected" => "Documento rechazado",
        "document-replaced" => "Documento corregido agregado",
        "note" => "Nota interna",
        "opinion" => "Dictamen",
        "licence-revoked" => "Licencia revocada",
        "version-moved" => "La solicitud pasó a la versión vigente del trámite",
        _ => kind,
    };
}
