using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NeedsConfirmation { get; private set; }

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
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in succeeded for user {UserId}", (await users.FindByEmailAsync(email))?.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : await HomeFor(email));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, l["Su cuenta quedó bloqueada por 15 minutos tras varios intentos fallidos. Espere o restablezca su contraseña."]);
            return Page();
        }

        if (result.IsNotAllowed)
        {
            // Identity answers "not allowed" before checking the password; say so only to whoever knows it.
            var user = await users.FindByEmailAsync(email);
            if (user is not null && await users.CheckPasswordAsync(user, Input.Password))
            {
                NeedsConfirmation = true;
                ModelState.AddModelError(string.Empty, l["Antes de ingresar, confirme su correo con el enlace que le enviamos."]);
                return Page();
            }

            if (user is not null)
            {
                await users.AccessFailedAsync(user);
            }
        }

        // The same words for an unknown email and a wrong password: nobody learns who has an account.
        ModelState.AddModelError(string.Empty, l["El correo o la contraseña no son correctos."]);
        return Page();
    }

    private async Task<string> HomeFor(string email) =>
        await users.FindByEmailAsync(email) is { } user ? await SignInHome.PathAsync(users, user, returnUrl: null, _ => false) : "/";

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Escriba su correo electrónico.")]
        [StringLength(256, ErrorMessage = "El correo puede tener como máximo {1} caracteres.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Escriba su contraseña.")]
        [StringLength(128, ErrorMessage = "La contraseña puede tener como máximo {1} caracteres.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
