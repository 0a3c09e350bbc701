using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Citizen.Applications;

public sealed class NewModel(ApplicationService applications, UserManager<ApplicationUser> users, AppDbContext db) : PageModel
{
    public ProcedureVersion Version { get; private set; } = null!;

    /// A draft of the same procedure the person already has: offered before starting another.
    public Guid? ExistingDraftId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? tramite)
    {
        if (!await LoadAsync(tramite))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        ExistingDraftId = await db.Applications
            .Where(a => a.ApplicantId == userId && a.Status == ApplicationStatus.Draft && a.ProcedureVersion.ProcedureId == Version.ProcedureId)
            .OrderByDescending(a => a.UpdatedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? tramite)
    {
        if (!await LoadAsync(tramite))
        {
            return NotFound();
        }

        var application = await applications.CreateDraftAsync(users.GetUserId(User)!, Version);
        return Redirect($"/mis-solicitudes/{application.Id}/solicitante");
    }

    private async Task<bool> LoadAsync(string? slug)
    {
        var version = string.IsNullOrWhiteSpace(slug) ? null : await applications.PublishedVersionAsync(slug);
        if (version is null)
        {
            return false;
        }

        Version = version;
        return true;
    }
}
