using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Pages.Account;

/// The second step of signing in: the code of the authenticator app, after the password, checked by
/// the replay-guarded provider (each code once).
[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class LoginTwoFactorModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> l,
    SignInThrottles throttles,
    ILogger<LoginTwoFactorModel> logger) : SecondStepPageModel(signIn, users, options, throttles, l)
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PendingUserAsync() is not { } user || !ModelState.IsValid)
        {
            return Page();
        }

        if (await HeldAsync(user) is { } held)
        {
            return held;
        }

        if (!Totp.TryNormalize(Input.Code, out var code))
        {
            ModelState.AddModelError("Input.Code", L["El código tiene 6 números. Escríbalo como lo muestra su aplicación."]);
            return Page();
        }

        var result = await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await ClearHoldAsync(user);
            logger.LogInformation("Two-factor sign-in succeeded for user {UserId}", user.Id);
            return await SignedInAsync(user);
        }

        logger.LogWarning("Wrong authenticator code for user {UserId}", user.Id);
        return await RefusedAsync(user, result, L["El código no es correcto o ya se usó. Espere el siguiente código de su aplicación y escríbalo."]);
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Escriba el código de 6 números que muestra su aplicación.")]
        [StringLength(20, ErrorMessage = "El código puede tener como máximo {1} caracteres.")]
        public string Code { get; set; } = "";
    }
}
