using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class ApplicantModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    [BindProperty]
    public ApplicantInput Input { get; set; } = new();

    public ApplicationUser Applicant { get; private set; } = null!;

    public IEnumerable<SelectListItem> KindOptions =>
        new[] { ApplicantKind.Person, ApplicantKind.Company }
            .Where(Version.Accepts)
            .Select(k => new SelectListItem(k == ApplicantKind.Person ? L["Como persona individual (a mi nombre)"] : L["En nombre de una empresa"], k.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Applicant);

        Applicant = (await Users.GetUserAsync(User))!;
        Input = new ApplicantInput
        {
            Kind = Application.ApplicantKind?.ToString(),
            CompanyName = Application.CompanyName,
            // The NIT the account already has is not asked for again.
            CompanyNit = Application.CompanyNit ?? Applicant.Nit,
            LegalRepresentative = Application.LegalRepresentative ?? Applicant.FullName,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? accion)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        Applicant = (await Users.GetUserAsync(User))!;
        if (!Enum.TryParse<ApplicantKind>(Input.Kind, out var kind) || !Enum.IsDefined(kind) || !Version.Accepts(kind))
        {
            ModelState.AddModelError("Input.Kind", L["Elija cómo presenta la solicitud."]);
        }

        string? nit = null;
        if (kind == ApplicantKind.Company)
        {
            if (string.IsNullOrWhiteSpace(Input.CompanyName))
            {
                ModelState.AddModelError("Input.CompanyName", L["Escriba el nombre de la empresa."]);
            }

            if (string.IsNullOrWhiteSpace(Input.CompanyNit))
            {
                ModelState.AddModelError("Input.CompanyNit", L["Escriba el NIT de la empresa."]);
            }
            else if (!Nit.TryNormalize(Input.CompanyNit, out var normalized))
            {
                // An over-long NIT already has this message from [StringLength]: once is enough.
                if (ModelState.GetFieldValidationState("Input.CompanyNit") != ModelValidationState.Invalid)
                {
                    ModelState.AddModelError("Input.CompanyNit", L["El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K."]);
                }
            }
            else
            {
                nit = normalized;
            }

            if (string.IsNullOrWhiteSpace(Input.LegalRepresentative))
            {
                ModelState.AddModelError("Input.LegalRepresentative", L["Escriba el nombre del representante legal."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.ApplicantKind = kind;
        Application.CompanyName = kind == ApplicantKind.Company ? Input.CompanyName!.Trim() : null;
        Application.CompanyNit = kind == ApplicantKind.Company ? nit : null;
        Application.LegalRepresentative = kind == ApplicantKind.Company ? Input.LegalRepresentative!.Trim() : null;
        return await SaveStepAsync(ApplicationStep.Applicant, accion);
    }

    public sealed class ApplicantInput
    {
        public string? Kind { get; set; }

        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string? CompanyName { get; set; }

        [StringLength(20, ErrorMessage = "El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K.")]
        public string? CompanyNit { get; set; }

        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string? LegalRepresentative { get; set; }
    }
}
