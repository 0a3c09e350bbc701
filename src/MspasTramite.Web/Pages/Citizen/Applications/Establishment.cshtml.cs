using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class EstablishmentModel(ApplicationService applications, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    [BindProperty]
    public EstablishmentInput Input { get; set; } = new();

    public static IEnumerable<SelectListItem> DepartmentOptions =>
        GuatemalaGeography.Departments.Select(d => new SelectListItem(d.Name, d.Code.ToString(CultureInfo.InvariantCulture)));

    /// Every municipality, grouped by department: works without script; site.js narrows the list
    /// to the department chosen.
    public static IEnumerable<SelectListItem> MunicipalityOptions
    {
        get
        {
            var groups = GuatemalaGeography.Departments.ToDictionary(d => d.Code, d => new SelectListGroup { Name = d.Name });
            return GuatemalaMunicipalities.All.Select(m => new SelectListItem(m.Name, $"{m.DepartmentCode}-{m.Code}") { Group = groups[m.DepartmentCode] });
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        await RecordReachedAsync(ApplicationStep.Establishment);

        Input = new EstablishmentInput
        {
            Name = Application.EstablishmentName,
            Address = Application.EstablishmentAddress,
            Department = Application.DepartmentCode?.ToString(CultureInfo.InvariantCulture),
            Municipality = Application.DepartmentCode is int d && Application.MunicipalityCode is int m ? $"{d}-{m}" : null,
            Phone = Application.EstablishmentPhone,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? accion)
    {
        if (await LoadAsync(id, requireDraft: true) is { } result)
        {
            return result;
        }

        var department = int.TryParse(Input.Department, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? GuatemalaGeography.FindDepartment(d) : null;
        if (department is null)
        {
            ModelState.AddModelError("Input.Department", L["Elija el departamento."]);
        }

        Municipality? municipality = null;
        var parts = (Input.Municipality ?? "").Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var md)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mc))
        {
            municipality = GuatemalaGeography.FindMunicipality(md, mc);
        }

        if (municipality is null)
        {
            ModelState.AddModelError("Input.Municipality", L["Elija el municipio."]);
        }
        else if (department is not null && municipality.DepartmentCode != department.Code)
        {
            ModelState.AddModelError("Input.Municipality", L["El municipio {0} no pertenece al departamento {1}. Elija un municipio de {1}.", municipality.Name, department.Name]);
        }

        var phone = new string((Input.Phone ?? "").Where(char.IsAsciiDigit).ToArray());
        // An over-long phone already has this message from [StringLength]: once is enough.
        if (!string.IsNullOrWhiteSpace(Input.Phone) && phone.Length != 8 && ModelState.GetFieldValidationState("Input.Phone") != ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Phone", L["Escriba un teléfono de 8 dígitos, por ejemplo 2222 3333."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Application.EstablishmentName = Input.Name!.Trim();
        Application.EstablishmentAddress = Input.Address!.Trim();
        Application.DepartmentCode = department!.Code;
        Application.MunicipalityCode = municipality!.Code;
        Application.EstablishmentPhone = phone.Length == 0 ? null : phone;
        return await SaveStepAsync(ApplicationStep.Establishment, accion);
    }

    public sealed class EstablishmentInput
    {
        [Required(ErrorMessage = "Escriba el nombre del establecimiento.")]
        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Escriba la dirección del establecimiento.")]
        [StringLength(300, ErrorMessage = "La dirección puede tener como máximo {1} caracteres.")]
        public string? Address { get; set; }

        public string? Department { get; set; }

        public string? Municipality { get; set; }

        [StringLength(20, ErrorMessage = "Escriba un teléfono de 8 dígitos, por ejemplo 2222 3333.")]
        public string? Phone { get; set; }
    }
}
