using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

/// What the two pages of the second step share (the app's code, a recovery code): whose password was
/// right (Identity's two-factor cookie), where to go after, and what a wrong code does.
public abstract class SecondStepPageModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// No password was checked in this browser (or it was too long ago): start again.
    public bool Expired { get; private set; }

    protected IStringLocalizer<SharedResource> L => l;

    protected SignInManager<ApplicationUser> SignInManager => signIn;

    protected UserManager<ApplicationUser> Users => users;

    public async Task OnGetAsync() => await PendingUserAsync();

    protected async Task<ApplicationUser?> PendingUserAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        Expired = user is null;
        return user;
    }

    protected async Task<IActionResult> SignedInAsync(ApplicationUser user) =>
        LocalRedirect(await SignInHome.PathAsync(users, user, ReturnUrl, Url.IsLocalUrl));

    /// A wrong code: the message on the page, or, after too many (or a lockout), back to the password.
    protected async Task<IActionResult> RefusedAsync(ApplicationUser user, Microsoft.AspNetCore.Identity.SignInResult result, string message)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsLockedOut || await users.GetAccessFailedCountAsync(user) >= options.Value.MaxCodeAttempts)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            TempData["Error"] = result.IsLockedOut
                ? l["Su cuenta quedó bloqueada por 15 minutos tras varios intentos fallidos. Espere o restablezca su contraseña."].Value
                : l["Escribió demasiados códigos incorrectos. Ingrese de nuevo con su correo y contraseña."].Value;
            return Redirect("/cuenta/ingresar");
        }

        ModelState.AddModelError("Input.Code", message);
        return Page();
    }
}
