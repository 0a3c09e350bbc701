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
    SignInThrottles throttles,
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
        if (user?.DisabledAt is not null)
        {
            // Disabled between the password and the code: it signs in no further.
            user = null;
        }

        Expired = user is null;
        return user;
    }

    protected async Task<IActionResult> SignedInAsync(ApplicationUser user) =>
        LocalRedirect(await SignInHome.PathAsync(users, user, ReturnUrl, Url.IsLocalUrl));

    /// Wrong codes for one account, wherever they come from, hold its second step (SignInThrottles):
    /// whoever has the password can try a few codes every quarter of an hour, not thousands a day by
    /// typing the password again between tries. Only someone with the password can cause the hold.
    private static string ThrottleKey(ApplicationUser user) => SignInThrottles.KeyFor("second-step:" + user.Id, address: null);

    /// Before a code is checked: while the account's second step is held, back to the password.
    protected async Task<IActionResult?> HeldAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await throttles.HeldForAsync(ThrottleKey(user)) is not { } held)
        {
            return null;
        }

        return await BackToPasswordAsync(held);
    }

    protected Task ClearHoldAsync(ApplicationUser user) => throttles.ClearAsync(ThrottleKey(user));

    private async Task<IActionResult> BackToPasswordAsync(TimeSpan held)
    {
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        TempData["Error"] = l["Escribió demasiados códigos incorrectos. Espere {0} minutos e ingrese de nuevo.", Math.Max(1, (int)Math.Ceiling(held.TotalMinutes))].Value;
        return Redirect("/cuenta/ingresar");
    }

    /// A wrong code: the message on the page, or, after too many (or a lockout), back to the password.
    protected async Task<IActionResult> RefusedAsync(ApplicationUser user, Microsoft.AspNetCore.Identity.SignInResult result, string message)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(user);
        if (await throttles.RecordFailureAsync(ThrottleKey(user)) is { } held)
        {
            return await BackToPasswordAsync(held);
        }

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
