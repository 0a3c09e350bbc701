using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Payments;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// "Pagar": opens (or reuses) a checkout session and sends the person to the gateway's page.
public sealed class PayModel(ApplicationService applications, UserManager<ApplicationUser> users, PaymentService payments, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id, requireDraft: false) ?? Redirect(DetailUrl);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        var user = (await Users.GetUserAsync(User))!;
        var (outcome, url) = await payments.StartAsync(Application, user.Email!);
        switch (outcome)
        {
            case StartOutcome.Redirect:
                // 303: the browser follows with a GET to the gateway's hosted page.
                Response.Headers.Location = url;
                return StatusCode(StatusCodes.Status303SeeOther);
            case StartOutcome.GatewayUnavailable:
                TempData["Error"] = L["No pudimos conectar con la pasarela de pago. No se hizo ningún cargo. Intente de nuevo en unos minutos."].Value;
                return Redirect(DetailUrl);
            default:
                TempData["Notice"] = L["Esta solicitud no tiene un pago pendiente."].Value;
                return Redirect(DetailUrl);
        }
    }
}
