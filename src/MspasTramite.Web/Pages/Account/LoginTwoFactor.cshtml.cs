using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

/// The second step of signing in: the code of the authenticator app, after the password. Identity's
/// two-factor cookie says whose password was right; the code is checked by the replay-guarded provider.
[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class LoginTwoFactorModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> l,
    ILogger<LoginTwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// No password was checked in this browser (or it was too long ago): start again.
    public bool Expired { get; private set; }

    public async Task OnGetAsync() => Expired = await signIn.GetTwoFactorAuthenticationUserAsync() is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            Expired = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!Totp.TryNormalize(Input.Code, out var code))
        {
            ModelState.AddModelError("Input.Code", l["El código tiene 6 números. Escríbalo como lo muestra su aplicación."]);
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Two-factor sign-in succeeded for user {UserId}", user.Id);
            return LocalRedirect(await SignInHome.PathAsync(users, user, ReturnUrl, Url.IsLocalUrl));
        }

        logger.LogWarning("Wrong authenticator code for user {UserId}", user.Id);
        return await RefusedAsync(this, signIn, users, user, result, options.Value, l,
            l["El código no es correcto o ya se usó. Espere el siguiente código de su aplicación y escríbalo."]);
    }

    /// A wrong code: the message on the page, or, after too many (or a lockout), back to the password.
    internal static async Task<IActionResult> RefusedAsync(PageModel page, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users,
        ApplicationUser user, Microsoft.AspNetCore.Identity.SignInResult result, TwoFactorOptions options, IStringLocalizer l, string message)
    {
        if (result.IsLockedOut || await users.GetAccessFailedCountAsync(user) >= options.MaxCodeAttempts)
        {
            await page.HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            page.TempData["Error"] = result.IsLockedOut
                ? l["Su cuenta quedó bloqueada por 15 minutos tras varios intentos fallidos. Espere o restablezca su contraseña."].Value
                : l["Escribió demasiados códigos incorrectos. Ingrese de nuevo con su correo y contraseña."].Value;
            return new RedirectResult("/cuenta/ingresar");
        }

        page.ModelState.AddModelError("Input.Code", message);
        return page.Page();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Escriba el código de 6 números que muestra su aplicación.")]
        [StringLength(20, ErrorMessage = "El código puede tener como máximo {1} caracteres.")]
        public string Code { get; set; } = "";
    }
}
