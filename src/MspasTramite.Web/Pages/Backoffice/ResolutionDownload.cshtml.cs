using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MspasTramite.Core;
using MspasTramite.Core.Data;
using MspasTramite.Web.Pages.Verification;

namespace MspasTramite.Web.Pages.Backoffice;

/// The resolution of any file, as a PDF, for the back office (the folder's policy: Analista, Jefe).
public sealed class ResolutionDownloadModel(AppDbContext db, PublicAddress address) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var resolution = await db.Resolutions.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == id);
        return resolution is null ? NotFound() : ResolutionFile.For(resolution, address);
    }
}
