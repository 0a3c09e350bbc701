using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Notifications;

namespace MspasTramite.Core.Review;

/// The back office's emails, in Spanish, added to the caller's outbox (sent after commit).
internal static class ReviewEmails
{
    public static void CorrectionRequested(EmailOutbox outbox, ApplicationUser to, Application application, CorrectionRequest request, string link) =>
        Add(outbox, to, "review.correction-requested", $"Expediente {application.FileNumber}: se le pide subsanar",
        [
            $"Hola {to.FullName}:",
            $"Revisamos su expediente {application.FileNumber} ({application.ProcedureVersion.Name}) y necesitamos que corrija lo siguiente. Es la única solicitud de subsanación de su expediente (Decreto 5-2021, art. 12):",
            .. request.Items.Select(i => $"• {i.RequirementName} ({i.FileName ?? "sin documento"}): {i.Reason}"),
            .. request.Notes is null ? Array.Empty<string>() : [$"Otras observaciones: {request.Notes}"],
            $"Tiene hasta el {GuatemalaTime.FormatDate(request.DueAt)} para responder; después, el expediente se archiva (Decreto 5-2021, art. 28). Mientras tanto, el plazo de resolución queda en pausa.",
            $"Responda aquí: {link}",
        ]);

    public static void CorrectionReminder(EmailOutbox outbox, ApplicationUser to, Application application, CorrectionRequest request, string link) =>
        Add(outbox, to, "review.correction-reminder", $"Recordatorio: subsanación del expediente {application.FileNumber}",
        [
            $"Hola {to.FullName}:",
            $"Su expediente {application.FileNumber} espera su respuesta a la solicitud de subsanación. El plazo vence el {GuatemalaTime.FormatDate(request.DueAt)}; si no responde, el expediente se archivará.",
            $"Responda aquí: {link}",
        ]);

    public static void Abandoned(EmailOutbox outbox, ApplicationUser to, Application application) =>
        Add(outbox, to, "review.abandoned", $"Expediente {application.FileNumber} archivado",
        [
            $"Hola {to.FullName}:",
            $"Su expediente {application.FileNumber} ({application.ProcedureVersion.Name}) se archivó porque la subsanación no se respondió en el plazo legal (Decreto 5-2021, art. 28).",
            "Si aún necesita el trámite, puede iniciar una nueva solicitud; los documentos que ya presentó pueden reutilizarse.",
        ]);

    public static void CorrectionAnswered(EmailOutbox outbox, ApplicationUser to, Application application, string link) =>
        Add(outbox, to, "review.correction-answered", $"Expediente {application.FileNumber}: subsanación respondida",
        [
            $"Hola {to.FullName}:",
            $"El solicitante respondió la subsanación del expediente {application.FileNumber}. El expediente vuelve a su bandeja y el plazo legal corre de nuevo.",
            link,
        ]);

    public static void SentBack(EmailOutbox outbox, ApplicationUser to, Application application, string reason, string link) =>
        Add(outbox, to, "review.sent-back", $"Expediente {application.FileNumber} devuelto para revisión",
        [
            $"Hola {to.FullName}:",
            $"La jefatura devolvió el expediente {application.FileNumber} para que lo revise de nuevo: {reason}",
            link,
        ]);

    public static void InspectionScheduled(EmailOutbox outbox, ApplicationUser to, Application application, DateTimeOffset at) =>
        Add(outbox, to, "review.inspection-scheduled", $"Inspección programada — expediente {application.FileNumber}",
        [
            $"Hola {to.FullName}:",
            $"La inspección de {application.EstablishmentName} ({application.EstablishmentAddress}) quedó programada para el {GuatemalaTime.Format(at)} (hora de Guatemala).",
            "Si necesita otra fecha, responda a este mensaje o comuníquese con el departamento a cargo.",
        ]);

    public static void SlaWarning(EmailOutbox outbox, ApplicationUser to, Application application, string link) =>
        Add(outbox, to, "review.sla-warning", $"Expediente {application.FileNumber}: 80% del plazo legal usado",
        [
            $"Hola {to.FullName}:",
            $"El expediente {application.FileNumber} ({application.ProcedureVersion.Name}) usó el 80% de su plazo legal; vence el {(application.SlaDueOn is { } due ? GuatemalaTime.FormatDate(due) : "—")}.",
            link,
        ]);

    public static void Decided(EmailOutbox outbox, ApplicationUser to, Application application, Resolution resolution, string link, string verifyLink, string surveyLink) =>
        Add(outbox, to, resolution.Kind == ResolutionKind.Licence ? "review.approved" : "review.rejected",
            resolution.Kind == ResolutionKind.Licence
                ? $"Expediente {application.FileNumber} aprobado — {resolution.Number}"
                : $"Expediente {application.FileNumber}: resolución de denegatoria",
        [
            $"Hola {to.FullName}:",
            resolution.Kind == ResolutionKind.Licence
                ? $"Su solicitud de {application.ProcedureVersion.Name} fue aprobada. Se emitió {resolution.Number}, vigente {(resolution.ValidUntil is { } until ? $"hasta el {GuatemalaTime.FormatDate(until)}" : "sin vencimiento")}."
                : $"Su solicitud de {application.ProcedureVersion.Name} fue denegada. Fundamentos: {resolution.Grounds}",
            .. resolution.Kind == ResolutionKind.Rejection ? ["La denegatoria no tiene ningún cobro adicional (Decreto 5-2021, art. 12)."] : Array.Empty<string>(),
            $"Descargue la resolución en PDF: {link}",
            $"Cualquier persona puede comprobar su autenticidad en: {verifyLink}",
            $"Ayúdenos a mejorar: califique el servicio del 1 al 5, en un minuto: {surveyLink}",
        ]);

    public static void Revoked(EmailOutbox outbox, ApplicationUser to, Resolution licence, string reason, DateTimeOffset at) =>
        Add(outbox, to, "review.licence-revoked", $"Licencia {licence.Number} revocada",
        [
            $"Hola {to.FullName}:",
            $"La licencia {licence.Number} de {licence.Establishment} ({licence.Procedure}) fue revocada el {GuatemalaTime.Format(at)} (hora de Guatemala).",
            $"Motivo: {reason}",
            "Desde hoy, la verificación pública de su código indica que la licencia está revocada. Si no está de acuerdo, puede presentar su recurso ante el departamento que la emitió.",
        ]);

    private static void Add(EmailOutbox outbox, ApplicationUser to, string kind, string subject, IEnumerable<string> paragraphs) =>
        PlainEmail.Add(outbox, to.Email!, kind, subject, paragraphs);
}
