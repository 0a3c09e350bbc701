using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

public sealed class LogoutModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    AccountSessions sessions,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public void OnGet()
    {
    }

    /// Signing out deletes this browser's session on the server (DatabaseTicketStore.RemoveAsync):
    /// a copy of the cookie taken before opens nothing afterwards.
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Notice"] = l["Salió de su cuenta."].Value;
        return Redirect("/");
    }

    /// Every browser where the account is signed in, this one too.
    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is not null)
        {
            await sessions.EndAllAsync(userId);
        }

        await signIn.SignOutAsync();
        TempData["Notice"] = l["Salió de su cuenta en todos los dispositivos."].Value;
        return Redirect("/");
    }
}
