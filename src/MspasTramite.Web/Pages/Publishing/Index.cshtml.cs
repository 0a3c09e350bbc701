using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Web.Pages.Publishing;

/// /admin/tramites: every procedure with its versions (number, state, who published and when), and
/// for the product manager the form that adds a procedure (its first draft opens next).
public sealed class IndexModel(
    ProcedurePublishing publishing,
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l) : PublishingPageModel
{
    public IReadOnlyList<CatalogueEntry> Catalogue { get; private set; } = [];

    /// Display names of the people who published, by account id.
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public NewProcedureInput Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await publishing.CreateProcedureAsync(Input.Name, Input.Slug, Input.Department!.Value, users.GetUserId(User)!);
            if (result.Succeeded)
            {
                TempData["Notice"] = l["Trámite creado: {0}. Complete su primer borrador y publíquelo cuando esté listo.", result.Version!.Name].Value;
                return Redirect(PublishingLinks.Procedure(result.Version.ProcedureId));
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Field is null ? string.Empty : $"Input.{error.Field}", l.Of(error));
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Catalogue = await publishing.CatalogueAsync();
        People = await PublishingPeople.NamesAsync(db, Catalogue.SelectMany(c => c.Versions).Select(v => v.PublishedById));
    }

    public sealed class NewProcedureInput
    {
        [Required(ErrorMessage = "Escriba el nombre del trámite.")]
        [StringLength(ProcedurePublishing.MaxNameLength, ErrorMessage = "El nombre puede tener hasta {1} caracteres.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Escriba la dirección del trámite, por ejemplo licencia-sanitaria-de-farmacia.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Elija la dependencia que resuelve el trámite.")]
        public Department? Department { get; set; }
    }
}

/// Names of staff accounts for the publishing pages (who published, who edited).
public static class PublishingPeople
{
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(AppDbContext db, IEnumerable<string?> ids)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
    }
}
