using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// Spanish names (resource keys) of the workflow's states, actions and actors: one place for every
/// page that shows them, and for the diagram.
public static class WorkflowNames
{
    public static string State(string status) => status switch
    {
        ApplicationStatus.Draft => "Borrador",
        ApplicationStatus.AwaitingPayment => "Pendiente de pago",
        ApplicationStatus.Received => "Recibida",
        ApplicationStatus.InReview => "En revisión",
        ApplicationStatus.AwaitingCorrection => "En espera de subsanación",
        ApplicationStatus.InspectionScheduled => "Inspección programada",
        ApplicationStatus.AwaitingApproval => "En espera de aprobación",
        ApplicationStatus.Approved => "Aprobada",
        ApplicationStatus.Rejected => "Denegada",
        ApplicationStatus.Abandoned => "Archivada por abandono",
        ApplicationStatus.Withdrawn => "Retirada",
        ApplicationStatus.Expired => "Vencida por falta de pago",
        _ => status,
    };

    public static string Trigger(WorkflowTrigger trigger) => trigger switch
    {
        WorkflowTrigger.Submit => "Enviar",
        WorkflowTrigger.Withdraw => "Retirar",
        WorkflowTrigger.Pay => "Pago confirmado",
        WorkflowTrigger.ExpireUnpaid => "Vence sin pago",
        WorkflowTrigger.Claim => "Tomar expediente",
        WorkflowTrigger.Assign => "Asignar analista",
        WorkflowTrigger.Release => "Liberar expediente",
        WorkflowTrigger.RequestCorrection => "Solicitar subsanación",
        WorkflowTrigger.AnswerCorrection => "Responder subsanación",
        WorkflowTrigger.Abandon => "Archivar por abandono",
        WorkflowTrigger.ScheduleInspection => "Programar inspección",
        WorkflowTrigger.RecordInspection => "Registrar inspección",
        WorkflowTrigger.Recommend => "Emitir dictamen",
        WorkflowTrigger.Approve => "Aprobar",
        WorkflowTrigger.Reject => "Denegar",
        WorkflowTrigger.SendBack => "Devolver al analista",
        _ => trigger.ToString(),
    };

    /// The diagram gets the names Stateless reports, which are the enum's.
    public static string Trigger(string name) =>
        Enum.TryParse<WorkflowTrigger>(name, out var trigger) ? Trigger(trigger) : name;

    /// Who may act: the roles people hold, and the service itself for payments and timers.
    public static string Role(string role) => role == ApplicationWorkflow.SystemRole ? "El sistema (automático)" : Roles.DisplayName(role);

    public static IReadOnlyList<string> Actors { get; } = [.. Roles.All, ApplicationWorkflow.SystemRole];

    /// A guard's description is the sentence shown when it fails ("El plazo para subsanar ya
    /// venció."); a table of conditions needs what must hold instead, or half the rows would read
    /// backwards. Keyed by that sentence so ApplicationWorkflow stays the one table; a test checks
    /// every guard has its condition here.
    public static string? Condition(string guardDescription) => guardDescription switch
    {
        "Solo quien presentó la solicitud puede hacerlo." => "Lo hace quien presentó la solicitud.",
        "Solo el analista asignado al expediente puede hacerlo." => "Lo hace el analista asignado al expediente.",
        "El expediente ya tuvo su única solicitud de subsanación (Decreto 5-2021, art. 12)." => "Es la primera solicitud de subsanación del expediente: solo se permite una (Decreto 5-2021, art. 12).",
        "Primero acepte o rechace cada documento del expediente." => "Cada documento del expediente está aceptado o rechazado.",
        "El plazo para subsanar ya venció." => "Dentro del plazo para subsanar.",
        "El plazo para subsanar aún no vence." => "Venció el plazo para subsanar.",
        "Primero registre el resultado de la inspección." => "Si el trámite requiere inspección, su resultado está registrado.",
        "Quien emitió el dictamen no puede resolver el mismo expediente." => "Lo resuelve alguien distinto de quien emitió el dictamen.",
        "El dictamen recomienda rechazar: para aprobar, devuélvalo al analista." => "El dictamen recomienda aprobar.",
        _ => null,
    };
}
