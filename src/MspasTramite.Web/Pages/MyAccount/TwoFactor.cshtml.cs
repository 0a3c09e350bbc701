using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using QRCoder;

namespace MspasTramite.Web.Pages.MyAccount;

/// The person's own second factor: set it up with an authenticator app (after the password again),
/// get ten recovery codes shown once, renew them, or turn it off where it is not required.
public sealed class TwoFactorModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AppDbContext db,
    AccountAudit audit,
    AccountSessions sessions,
    IDataProtectionProvider protection,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> l,
    ILogger<TwoFactorModel> logger) : PageModel
{
    /// What the authenticator app shows the account under.
    public const string Issuer = "MSPAS Trámites";
    public const int RecoveryCodeCount = 10;

    // The set-up ticket: proof, for the confirming post, that this person typed their password for
    // this key within the last 15 minutes; the key alone is never shown without it.
    private static readonly TimeSpan SetupTicketLifetime = TimeSpan.FromMinutes(15);

    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    /// Staff where TwoFactor:RequiredForStaff: cannot turn it off, and are sent here until it is on.
    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public SetupView? Setup { get; private set; }

    /// The codes just made, shown on this response only; the database keeps their hashes.
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string? SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public sealed record SetupView(string QrSvg, string ManualKey, string Ticket);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null)
        {
            return Challenge();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Enabled)
        {
            return RedirectToPage();
        }

        if (!await PasswordIsRightAsync(user, Input.CurrentPassword, "Input.CurrentPassword"))
        {
            return Page();
        }

        // A new key each time, kept with the account (not yet in use: TwoFactorEnabled is still off).
        // Set directly rather than by ResetAuthenticatorKeyAsync, which would also end this sign-in.
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", users.GenerateNewAuthenticatorKey());
        await ShowSetupAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Enabled)
        {
            return RedirectToPage();
        }

        if (!TicketIsValid(user))
        {
            TempData["Error"] = l["Pasó demasiado tiempo desde que empezó. Empiece de nuevo la configuración."].Value;
            return RedirectToPage(new { ReturnUrl = SafeReturnUrl });
        }

        if (!Totp.TryNormalize(Input.Code, out var code))
        {
            ModelState.AddModelError("Input.Code", l["Escriba los 6 números que muestra la aplicación."]);
            await ShowSetupAsync(user);
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", l["El código no es correcto. Revise que escaneó el código QR de esta página y escriba el código que muestra ahora la aplicación."]);
            await ShowSetupAsync(user);
            return Page();
        }

        NewRecoveryCodes = await db.InTransactionAsync(async transaction =>
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            audit.Add(user.Id, user.Id, AccountAuditAction.TwoFactorEnabled);
            await db.SaveChangesAsync();
            await EndOtherSessionsAsync(user.Id);
            await transaction.CommitAsync();
            return codes;
        });

        // Every other session ended; this one starts again, with the factor just proven.
        await signIn.SignInWithSecondFactorAsync(user);
        logger.LogInformation("Two-factor turned on by user {UserId}", user.Id);
        Enabled = true;
        RecoveryCodesLeft = NewRecoveryCodes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostRenewCodesAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enabled)
        {
            return RedirectToPage();
        }

        if (!await PasswordIsRightAsync(user, Input.CurrentPassword, "Input.CurrentPassword"))
        {
            return Page();
        }

        NewRecoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
        audit.Add(user.Id, user.Id, AccountAuditAction.RecoveryCodesRenewed);
        await db.SaveChangesAsync();
        RecoveryCodesLeft = NewRecoveryCodes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enabled)
        {
            return RedirectToPage();
        }

        if (Required)
        {
            ModelState.AddModelError(string.Empty, l["El personal del servicio debe usar la verificación en dos pasos; no puede desactivarla."]);
            return Page();
        }

        if (!await PasswordIsRightAsync(user, Input.DisablePassword, "Input.DisablePassword"))
        {
            return Page();
        }

        await db.InTransactionAsync(async transaction =>
        {
            await TurnOffAsync(users, user);
            audit.Add(user.Id, user.Id, AccountAuditAction.TwoFactorDisabled);
            await db.SaveChangesAsync();
            await EndOtherSessionsAsync(user.Id);
            await transaction.CommitAsync();
            return true;
        });
        await signIn.SignInAsync(user, isPersistent: false);
        logger.LogInformation("Two-factor turned off by user {UserId}", user.Id);
        TempData["Notice"] = l["Desactivó la verificación en dos pasos."].Value;
        return RedirectToPage();
    }

    /// Every other browser's session ends; this one goes on, signed in again below with the new state
    /// (DatabaseTicketStore keeps the same account's session under its key with the new ticket).
    private Task<int> EndOtherSessionsAsync(string userId) =>
        HttpContext.Items[DatabaseTicketStore.CurrentSessionItem] is string current
            ? sessions.EndOthersAsync(userId, current)
            : sessions.EndAllAsync(userId);

    /// Off, with no key and no recovery codes left: setting it up again starts from nothing.
    public static async Task TurnOffAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    private async Task<ApplicationUser?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return null;
        }

        Enabled = user.TwoFactorEnabled;
        Required = StaffTwoFactorHandler.IsRequired(User, options.Value);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return user;
    }

    private async Task<bool> PasswordIsRightAsync(ApplicationUser user, string? password, string field)
    {
        if (string.IsNullOrEmpty(password))
        {
            ModelState.AddModelError(field, l["Escriba su contraseña."]);
            return false;
        }

        if (!ModelState.IsValid)
        {
            return false;
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            ModelState.AddModelError(field, l["La contraseña no es correcta."]);
            return false;
        }

        return true;
    }

    private IDataProtector TicketProtector => protection.CreateProtector("MspasTramite.TwoFactorSetup");

    private bool TicketIsValid(ApplicationUser user)
    {
        try
        {
            var limited = TicketProtector.ToTimeLimitedDataProtector();
            return !string.IsNullOrEmpty(Input.SetupTicket) && limited.Unprotect(Input.SetupTicket) == user.Id;
        }
        catch (CryptographicException)
        {
            return false; // tampered with, another person's, or expired
        }
    }

    private async Task ShowSetupAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        var ticket = TicketProtector.ToTimeLimitedDataProtector().Protect(user.Id, SetupTicketLifetime);
        Setup = new SetupView(QrSvg(AuthenticatorUri(user.Email ?? user.Id, key)), GroupedKey(key), ticket);
    }

    /// The Key Uri Format every authenticator app reads: otpauth://totp/Issuer:account?secret=…&issuer=….
    public static string AuthenticatorUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={Totp.Digits}&period={Totp.StepSeconds}";

    /// The key as a person copies it by hand: lower case, in groups of four.
    public static string GroupedKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString().ToLowerInvariant();
    }

    // Inline SVG: no script and no data to fetch, so the page's policy (no inline script) is kept.
    private static string QrSvg(string uri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public sealed class TwoFactorInput
    {
        [StringLength(128, ErrorMessage = "La contraseña puede tener como máximo {1} caracteres.")]
        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        /// The password again, in the form that turns two-factor off (its own field: two forms, two ids).
        [StringLength(128, ErrorMessage = "La contraseña puede tener como máximo {1} caracteres.")]
        [DataType(DataType.Password)]
        public string? DisablePassword { get; set; }

        [StringLength(20, ErrorMessage = "El código puede tener como máximo {1} caracteres.")]
        public string? Code { get; set; }

        public string? SetupTicket { get; set; }
    }
}
