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

        if (cui.IsValid && await db.Users.AnyAsync(u => u.Cui == cui.Normalized))
        {
            ModelState.AddModelError("Input.Cui", l["Ya existe una cuenta con este CUI. Si es suya, ingrese o restablezca su contraseña."]);
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
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Never reveal whether an email has an account: tell its owner instead, by email.
            emails.AlreadyRegistered(email, emails.Link("/cuenta/ingresar"), emails.Link("/cuenta/olvide-contrasena"));
            await db.SaveChangesAsync();
            return RedirectToPage("RegisterConfirmation", new { email });
        }

        // The account, its role and its confirmation email commit together or not at all.
        var result = await db.InTransactionAsync(async transaction =>
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                FullName = Input.FullName.Trim(),
                Cui = cui.Normalized,
                Nit = nit,
                CreatedAt = clock.GetUtcNow(),
            };
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
