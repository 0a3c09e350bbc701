using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages.Finance;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
