using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Publishing;

/// The pages under /admin/tramites. The folder's policy lets analysts and heads of section read;
/// only the product manager writes: any request but GET or HEAD from another role is refused here,
/// before a handler runs, so a page cannot forget the check.
public abstract class PublishingPageModel : PageModel
{
    /// The person may edit and publish (the forms are shown only to them).
    public bool CanEdit => User.IsInRole(Roles.AdministradorServicio);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method) && !CanEdit)
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }
}
