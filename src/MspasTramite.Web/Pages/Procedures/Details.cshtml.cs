using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Applications;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Pages.Procedures;

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
