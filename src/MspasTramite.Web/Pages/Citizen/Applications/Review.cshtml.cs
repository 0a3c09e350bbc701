using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class ReviewModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public ApplicationUser Applicant { get; private set; } = null!;
    public IReadOnlyList<MissingItem> Missing { get; private set; } = [];
    public decimal? Fee { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Review);

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await PrepareAsync(id) is { } result)
        {
            return result;
        }

        if (MovedNow)
        {
            // The page the citizen sent from showed the old version: they read the new one first.
            ModelState.AddModelError(string.Empty, L["Este trámite cambió mientras usted llenaba su solicitud. Revise los cambios antes de enviarla."]);
            return Page();
        }

        // The status, fee and file number come from the server only: whatever else was posted is ignored.
        var (outcome, missing) = await Applications.SubmitAsync(Application, !string.IsNullOrEmpty(Applicant.Nit), Applicant.Id);
        switch (outcome)
        {
            case SubmitOutcome.Submitted:
                await RecordSavedAsync(ApplicationStep.Review);
                TempData["Notice"] = L["Solicitud enviada con el expediente {0}. El siguiente paso es pagar el arancel.", Application.FileNumber!].Value;
                return Redirect(DetailUrl);
            case SubmitOutcome.FeeNotPublished:
                ModelState.AddModelError(string.Empty, L["Este trámite aún no tiene arancel publicado. Su solicitud queda guardada como borrador y podrá enviarla cuando el MSPAS lo publique."]);
                return Page();
            case SubmitOutcome.NotADraft:
                return Redirect(DetailUrl);
            case SubmitOutcome.VersionChanged:
                // Published between this request's move and the submission: the next page load moves it.
                TempData["Notice"] = L["Este trámite cambió mientras usted llenaba su solicitud. Revise los cambios antes de enviarla."].Value;
                return Redirect(StepUrl(ApplicationStep.Review));
            default:
                Missing = missing;
                foreach (var item in missing)
                {
                    ModelState.AddModelError(string.Empty, L["Falta: {0}", L[item.Message]]);
                }

                return Page();
        }
    }

    private async Task<IActionResult?> PrepareAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        Applicant = (await Users.GetUserAsync(User))!;
        Missing = ApplicationChecklist.Missing(Application, !string.IsNullOrEmpty(Applicant.Nit));
        Fee = Fees.Compute(Version, Application.CategoryCode, Application.ExtraFeeCodes);
        return null;
    }
}
