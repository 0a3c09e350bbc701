using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class FeeModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public List<string> Extras { get; set; } = [];

    public IEnumerable<SelectListItem> CategoryOptions =>
        Version.Categories.Select(c => new SelectListItem($"{c.Name} — {Fees.Format(c.Amount)}", c.Code));

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Fee);

        if (!Steps.Contains(ApplicationStep.Fee))
        {
            return NotFound();
        }

        Category = Application.CategoryCode;
        Extras = [.. Application.ExtraFeeCodes];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? accion)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        if (!Steps.Contains(ApplicationStep.Fee))
        {
            return NotFound();
        }

        if (Version.HasCategories && Version.Categories.All(c => c.Code != Category))
        {
            ModelState.AddModelError(nameof(Category), L["Elija la categoría del establecimiento."]);
            return Page();
        }

        Application.CategoryCode = Version.HasCategories ? Category : null;
        // Only extras the procedure offers are kept; anything else posted is ignored.
        Application.ExtraFeeCodes = [.. Version.ExtraFees.Select(e => e.Code).Where(Extras.Contains)];
        return await SaveStepAsync(ApplicationStep.Fee, accion);
    }
}
