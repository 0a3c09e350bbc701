using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, SignInThrottles throttles, AccountSessions sessions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public IActionResult OnGet(string? email, string? code)
    {
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code))
        {
            return NotFound();
        }

        Input = new ResetInput { Email = email, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null || !AccountEmails.TryDecodeToken(Input.Code, out var token))
        {
            ModelState.AddModelError(string.Empty, l["El enlace no es válido o ya venció. Solicite uno nuevo."]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
            }

            return Page();
        }

        // The link proved the address; a person held after wrong passwords can sign in again from here.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
        }

        await throttles.ClearAsync(SignInThrottles.KeyFor(user.NormalizedEmail ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()));
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        // Whoever held a session with the old password holds nothing now.
        await sessions.EndAllAsync(user.Id);
        TempData["Notice"] = l["Su contraseña cambió. Ya puede ingresar."].Value;
        return Redirect("/cuenta/ingresar");
    }

    public sealed class ResetInput : NewPasswordInput
    {
        [Required]
        public string Email { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }
}
