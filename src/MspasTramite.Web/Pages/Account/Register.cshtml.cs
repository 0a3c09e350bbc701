using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identifiers;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web.Pages.Account;

[EnableRateLimiting(WebServiceCollectionExtensions.AccountRateLimit)]
public sealed class RegisterModel(
    UserManager<ApplicationUser> users,
    AppDbContext db,
    IPasswordHasher<ApplicationUser> hasher,
    AccountEmails emails,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public bool ShowMunicipalityWarning { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cui = Cui.Check(Input.Cui);
        if (!string.IsNullOrWhiteSpace(Input.Cui) && !cui.IsValid)
        {
            ModelState.AddModelError("Input.Cui", cui.Problem switch
            {
                CuiProblem.Format => l["El CUI tiene 13 dígitos, como aparece en su DPI."],
                CuiProblem.Department => l["Los dígitos 10 y 11 del CUI deben ser un departamento de 01 a 22. Revise su DPI."],
                _ => l["El CUI no es válido: revise que lo copió tal como aparece en su DPI."],
            });
        }

        string? nit = null;
        if (!string.IsNullOrWhiteSpace(Input.Nit))
        {
            if (Nit.TryNormalize(Input.Nit, out var normalizedNit))
            {
                nit = normalizedNit;
            }
            else
            {
                ModelState.AddModelError("Input.Nit", l["El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // An unknown municipality is only a warning: the person confirms and goes on.
        if (cui.UnknownMunicipality && !Input.ConfirmUnknownMunicipality)
        {
            ShowMunicipalityWarning = true;
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            FullName = Input.FullName.Trim(),
            Cui = cui.Normalized,
            Nit = nit,
            CreatedAt = clock.GetUtcNow(),
        };

        // A weak password gets its error whether or not the CUI or the email has an account.
        var passwordErrors = await PasswordErrorsAsync(user);
        if (passwordErrors.Count > 0)
        {
            foreach (var error in passwordErrors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        if (await TellOwnersIfTakenAsync(user))
        {
            // The same answer as a new registration: nobody learns that a CUI or an email has an account.
            return RedirectToPage("RegisterConfirmation", new { email });
        }

        // The account, its role and its confirmation email commit together or not at all.
        var result = await db.InTransactionAsync(async transaction =>
        {
            var created = await users.CreateAsync(user, Input.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Roles.Solicitante);
            }

            if (!created.Succeeded)
            {
                await transaction.RollbackAsync();
                return created;
            }

            await emails.AddConfirmationAsync(user);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return created;
        });

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            return Page();
        }

        return RedirectToPage("RegisterConfirmation", new { email });
    }

    private async Task<List<IdentityError>> PasswordErrorsAsync(ApplicationUser user)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, Input.Password);
            errors.AddRange(result.Errors);
        }

        return errors;
    }

    /// When the CUI or the email already has an account, nothing is created: its owner is told by
    /// email, and so is the address typed when it is not the owner's (without saying whose account).
    private async Task<bool> TellOwnersIfTakenAsync(ApplicationUser user)
    {
        var cuiOwner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Cui == user.Cui);
        var emailOwner = await users.FindByEmailAsync(user.Email!);
        if (cuiOwner is null && emailOwner is null)
        {
            return false;
        }

        // What creating the account would have cost (PBKDF2), so the answer takes as long.
        _ = hasher.HashPassword(user, Input.Password);
        var signInLink = emails.Link("/cuenta/ingresar");
        var resetLink = emails.Link("/cuenta/olvide-contrasena");
        if (cuiOwner is not null)
        {
            emails.CuiAlreadyRegistered(cuiOwner.Email!, cuiOwner.FullName, signInLink, resetLink);
        }

        if (emailOwner is not null && emailOwner.Id != cuiOwner?.Id)
        {
            emails.AlreadyRegistered(emailOwner.Email!, signInLink, resetLink);
        }
        else if (emailOwner is null)
        {
            emails.RegistrationNotCompleted(user.Email!, signInLink, resetLink);
        }

        await db.SaveChangesAsync();
        return true;
    }

    public sealed class RegisterInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Escriba su nombre completo.")]
        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        [Display(Name = "Nombre completo")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Escriba su correo electrónico.")]
        [EmailAddress(ErrorMessage = "Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com.")]
        [StringLength(256, ErrorMessage = "El correo puede tener como máximo {1} caracteres.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Escriba su CUI, el número de 13 dígitos de su DPI.")]
        [StringLength(20, ErrorMessage = "El CUI tiene 13 dígitos, como aparece en su DPI.")]
        public string Cui { get; set; } = "";

        [StringLength(20, ErrorMessage = "El NIT no es válido: revise los dígitos y el dígito verificador (0–9 o K), por ejemplo 576937-K.")]
        public string? Nit { get; set; }

        public bool ConfirmUnknownMunicipality { get; set; }
    }
}
