using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Pages.Verification;

namespace MspasTramite.Web.Pages.Citizen.Applications;

/// The licence or the denial of the applicant's own file, as a PDF; 404 for anyone else's.
public sealed class ResolutionDownloadModel(ApplicationService applications, UserManager<ApplicationUser> users, PublicAddress address, AppDbContext db, IStringLocalizer<SharedResource> l)
    : ApplicationPageModel(applications, users, l)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, requireDraft: false) is { } result)
        {
            return result;
        }

        var resolution = await db.Resolutions.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == Application.Id);
        return resolution is null ? NotFound() : ResolutionFile.For(resolution, address);
    }
}
