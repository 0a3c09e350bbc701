using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Procedures;

[OutputCache(PolicyName = PublicPageCache.PolicyName)]
[AllowAnonymous]
public sealed class DetailsModel(ApplicationService applications) : PageModel
{
    public ProcedureVersion Version { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var version = await applications.PublishedVersionAsync(slug);
        if (version is null)
        {
            return NotFound();
        }

        Version = version;
        return Page();
    }
}
