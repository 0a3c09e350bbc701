using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.Account;

/// The second step with one of the recovery codes shown at set-up, for a lost phone: each code opens
/// the account once, the audit trail records it and the person is told by email.
[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class LoginRecoveryCodeModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    AppDbContext db,
    AccountAudit audit,
    AccountEmails emails,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> l,
    SignInThrottles throttles,
    ILogger<LoginRecoveryCodeModel> logger) : SecondStepPageModel(signIn, users, options, throttles, l)
{
    [BindProperty]
    public RecoveryCodeInput Input { get; set; } = new();

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

        var result = await SignInManager.TwoFactorRecoveryCodeSignInAsync(HashedRecoveryCodeUserStore.Normalize(Input.Code));
        if (result.Succeeded)
        {
            await ClearHoldAsync(user);
            var left = await Users.CountRecoveryCodesAsync(user);
            audit.Add(user.Id, actorId: user.Id, AccountAuditAction.RecoveryCodeUsed, L["Quedan {0} códigos de recuperación.", left]);
            emails.RecoveryCodeUsed(user.Email!, user.FullName, left);
            await db.SaveChangesAsync();
            logger.LogInformation("Recovery code used by user {UserId}; {Left} left", user.Id, left);
            return await SignedInAsync(user);
        }

        // Identity does not count wrong recovery codes; they count here like wrong authenticator codes.
        if (!result.IsLockedOut)
        {
            await Users.AccessFailedAsync(user);
        }

        logger.LogWarning("Wrong recovery code for user {UserId}", user.Id);
        return await RefusedAsync(user, result, L["El código de recuperación no es correcto o ya se usó. Cada código sirve una sola vez."]);
    }

    public sealed class RecoveryCodeInput
    {
        [Required(ErrorMessage = "Escriba uno de sus códigos de recuperación.")]
        [StringLength(40, ErrorMessage = "El código puede tener como máximo {1} caracteres.")]
        public string Code { get; set; } = "";
    }
}
