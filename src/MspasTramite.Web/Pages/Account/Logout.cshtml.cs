using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Notice"] = l["Salió de su cuenta."].Value;
        return Redirect("/");
    }
}
