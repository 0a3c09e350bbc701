using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> hasher,
    DecoyPasswordHash decoy,
    SignInThrottles throttles,
    IStringLocalizer<SharedResource> l,
    ILogger<LoginModel> logger) : PageModel
{
    public const string SecondStepPath = "/cuenta/ingresar/segundo-paso";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    // Every refusal below says the same words after the same work (one password hash), whether the
    // email has an account, the password is wrong, the account is unconfirmed or disabled: nobody
    // learns who has an account, from the page or from its timing.
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var throttle = SignInThrottles.KeyFor(users.NormalizeEmail(email), HttpContext.Connection.RemoteIpAddress?.ToString());
        if (await throttles.HeldForAsync(throttle) is { } held)
        {
            return Held(held);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null || user.DisabledAt is not null || user.PasswordHash is null)
        {
            // No account, a disabled one, or one whose password was never chosen (a staff invitation
            // not yet taken up): Identity would answer these without hashing anything.
            decoy.Verify(hasher, Input.Password);
            return await FailedAsync(throttle);
        }

        // No lockout: a stranger could keep the owner out with it; the throttle above holds only the
        // guesser's address.
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttles.ClearAsync(throttle);
            logger.LogInformation("Sign-in succeeded for user {UserId}", user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : await HomeFor(user));
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right: the second step (a code from the authenticator) has its own limits.
            await throttles.ClearAsync(throttle);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? $"{SecondStepPath}?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}" : SecondStepPath);
        }

        // Identity answers "not allowed" (email not confirmed) before checking the password; say so
        // only to whoever knows it.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Input.Password))
        {
            NeedsConfirmation = true;
            ModelState.AddModelError(string.Empty, l["Antes de ingresar, confirme su correo con el enlace que le enviamos."]);
            return Page();
        }

        return await FailedAsync(throttle);
    }

    private async Task<IActionResult> FailedAsync(string throttle)
    {
        if (await throttles.RecordFailureAsync(throttle) is { } held)
        {
            return Held(held);
        }

        ModelState.AddModelError(string.Empty, l["El correo o la contraseña no son correctos."]);
        return Page();
    }

    /// Said for any email, with or without an account, so it reveals nothing either.
    private PageResult Held(TimeSpan held)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(held.TotalMinutes));
        ModelState.AddModelError(string.Empty, l["Demasiados intentos para esta cuenta desde su conexión. Espere {0} minutos o restablezca su contraseña.", minutes]);
        return Page();
    }

    private Task<string> HomeFor(ApplicationUser user) => SignInHome.PathAsync(users, user, returnUrl: null, _ => false);

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
