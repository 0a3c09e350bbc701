using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.MyAccount;

/// Where the account is signed in, and a way to end the sessions the person does not recognise.
public sealed class SessionsModel(
    UserManager<ApplicationUser> users,
    AccountSessions sessions,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<UserSession> Open { get; private set; } = [];

    public string? CurrentKeyHash { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        CurrentKeyHash = HttpContext.Items[DatabaseTicketStore.CurrentSessionItem] as string;
        Open = await sessions.ListAsync(userId);
        return Page();
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is null || HttpContext.Items[DatabaseTicketStore.CurrentSessionItem] is not string current)
        {
            return Challenge();
        }

        var ended = await sessions.EndOthersAsync(userId, current);
        TempData["Notice"] = ended == 0
            ? l["No había otras sesiones abiertas."].Value
            : l["Se cerraron {0} sesiones en otros dispositivos.", ended].Value;
        return RedirectToPage();
    }
}
