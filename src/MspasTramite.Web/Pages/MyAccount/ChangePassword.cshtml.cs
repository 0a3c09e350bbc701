using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using MspasTramite.Web.Pages.Account;

namespace MspasTramite.Web.Pages.MyAccount;

/// Changing the password ends every session of the account, this one too: whoever had a session
/// (or the old password) holds nothing afterwards, and the person signs in with the new one.
[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class ChangePasswordModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AccountSessions sessions,
    AccountEmails emails,
    AppDbContext db,
    IStringLocalizer<SharedResource> l,
    ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordMismatch) => "Input.CurrentPassword",
                    _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Input.Password",
                    _ => string.Empty,
                };
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? l["La contraseña actual no es correcta."].Value
                    : error.Description;
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        await sessions.EndAllAsync(user.Id);
        emails.PasswordChanged(user.Email!, user.FullName);
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        logger.LogInformation("Password changed for user {UserId}; every session ended", user.Id);
        TempData["Notice"] = l["Su contraseña cambió y se cerraron todas sus sesiones. Ingrese con la nueva contraseña."].Value;
        return Redirect("/cuenta/ingresar");
    }

    public sealed class ChangePasswordInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Escriba su contraseña actual.")]
        [StringLength(128, ErrorMessage = "La contraseña puede tener como máximo {1} caracteres.")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";
    }
}
