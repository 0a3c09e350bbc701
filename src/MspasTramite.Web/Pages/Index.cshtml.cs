using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages;

[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
