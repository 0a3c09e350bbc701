using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class ResendConfirmationModel(UserManager<ApplicationUser> users, AccountEmails emails, AppDbContext db) : PageModel
{
    [BindProperty]
    public EmailOnlyInput Input { get; set; } = new();

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
        if (user is { EmailConfirmed: false })
        {
            await emails.AddConfirmationAsync(user);
            await db.SaveChangesAsync();
        }

        // The same answer whether or not the email has an account.
        return RedirectToPage("RegisterConfirmation", new { email });
    }
}
