using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class ForgotPasswordModel(UserManager<ApplicationUser> users, AccountEmails emails, AppDbContext db) : PageModel
{
    [BindProperty]
    public EmailOnlyInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            // A reset link also proves the address, so it works for an account not yet confirmed.
            await emails.AddPasswordResetAsync(user);
            await db.SaveChangesAsync();
        }

        Sent = true;
        return Page();
    }
}
