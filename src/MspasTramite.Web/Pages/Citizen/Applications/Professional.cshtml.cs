using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class ProfessionalModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    [BindProperty]
    public ProfessionalInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Professional);

        if (Version.ProfessionalTitle is null)
        {
            return NotFound();
        }

        Input = new ProfessionalInput { Name = Application.ProfessionalName, Colegiado = Application.ProfessionalColegiado };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? accion)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        if (Version.ProfessionalTitle is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.ProfessionalName = Input.Name!.Trim();
        Application.ProfessionalColegiado = Input.Colegiado!.Trim();
        return await SaveStepAsync(ApplicationStep.Professional, accion);
    }

    public sealed class ProfessionalInput
    {
        [Required(ErrorMessage = "Escriba el nombre del profesional.")]
        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Escriba el número de colegiado.")]
        [RegularExpression("^[0-9]{1,8}$", ErrorMessage = "El número de colegiado tiene solo dígitos (hasta 8).")]
        public string? Colegiado { get; set; }
    }
}
