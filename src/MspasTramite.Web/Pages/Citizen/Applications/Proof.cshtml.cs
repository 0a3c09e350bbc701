using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class ProofModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        if (Application.FileNumber is null)
        {
            return NotFound();
        }

        var applicant = (await Users.GetUserAsync(User))!;
        var pdf = FilingProof.Build(Application, applicant.FullName, applicant.Cui);
        return File(pdf, "application/pdf", $"constancia-{Application.FileNumber}.pdf");
    }
}
