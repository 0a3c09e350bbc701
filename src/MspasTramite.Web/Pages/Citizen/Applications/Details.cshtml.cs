using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class DetailsModel(ApplicationService applications, UserManager<ApplicationUser> users, AppDbContext db, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public IReadOnlyList<ApplicationEvent> Timeline { get; private set; } = [];

    public bool CanWithdraw => Application.Status is ApplicationStatus.Draft or ApplicationStatus.AwaitingPayment;

    public bool HasReceipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        // The citizen's timeline leaves out the back office's internal notes.
        Timeline = await Applications.TimelineAsync(id, includeInternal: false);
        HasReceipt = await db.Receipts.AnyAsync(r => r.ApplicationId == id);
        return Page();
    }

    /// One list of status names for every page (the back office's workflow names).
    public static string StatusName(string status) => Backoffice.WorkflowNames.State(status);

    public static IReadOnlyList<string> EventKinds { get; } = ["draft-created", "document-added", "document-reused", "document-removed", "submitted", "withdrawn", "paid", "refunded", "expired"];

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
        _ => kind,
    };
}
