using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class WithdrawModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id, requireDraft: false) ?? (CanWithdraw() ? Page() : Redirect(DetailUrl));

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        if (!await Applications.WithdrawAsync(Application, Users.GetUserId(User)!))
        {
            TempData["Notice"] = L["Esta solicitud ya no se puede retirar."].Value;
            return Redirect(DetailUrl);
        }

        TempData["Notice"] = L["Solicitud retirada."].Value;
        return Redirect("/mis-solicitudes");
    }

    private bool CanWithdraw() => Application.Status is ApplicationStatus.Draft or ApplicationStatus.AwaitingPayment;
}
