using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages.Backoffice;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
