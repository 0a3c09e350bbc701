using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.MyAccount;

/// "Mi cuenta": the security settings of whoever is signed in, whatever their role.
public sealed class IndexModel(UserManager<ApplicationUser> users) : PageModel
{
    public string FullName { get; private set; } = "";

    public string Email { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        FullName = user.FullName;
        Email = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }
}
