using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    // 403 so that scripts and tests see a refusal, while people see a page.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
