using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Review;

namespace MspasTramite.Web.Pages.Backoffice;

/// A head of section withdraws a licence already issued, once, for a stated reason. The folder lets
/// analysts in too; revoking is the head's decision alone.
[Authorize(Roles = Roles.Jefe)]
public sealed class RevokeModel(AppDbContext db, ResolutionService resolutions, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public Resolution Licence { get; private set; } = null!;

    public string ApplicationUrl => $"/backoffice/expedientes/{Licence.ApplicationId}";

    [BindProperty]
    public RevokeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Licence.RevokedAt is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await resolutions.RevokeAsync(Licence.Id, users.GetUserId(User)!, Input.Reason!, HttpContext.RequestAborted);
        switch (outcome)
        {
            case RevokeOutcome.Revoked:
                TempData["Notice"] = l["Licencia {0} revocada.", Licence.Number].Value;
                return Redirect(ApplicationUrl);
            case RevokeOutcome.ReasonRequired:
                ModelState.AddModelError("Input.Reason", l["Escriba el motivo de la revocación."]);
                return Page();
            case RevokeOutcome.AlreadyRevoked:
                // Another head revoked it a moment ago: show theirs.
                await LoadAsync(id);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid applicationId)
    {
        var licence = await db.Resolutions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ApplicationId == applicationId && r.Kind == ResolutionKind.Licence);
        if (licence is null)
        {
            return false;
        }

        Licence = licence;
        return true;
    }

    public sealed class RevokeInput
    {
        [Required(ErrorMessage = "Escriba el motivo de la revocación.")]
        [StringLength(ResolutionService.MaxRevocationReasonLength, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string? Reason { get; set; }
    }
}
