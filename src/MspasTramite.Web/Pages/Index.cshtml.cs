using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MspasTramite.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
