using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Pages.Admin.Staff;

public sealed class CreateModel(
    AccountSeeder accounts,
    UserManager<ApplicationUser> users,
    AccountEmails emails,
    AppDbContext db,
    AccountAudit audit,
    IStringLocalizer<SharedResource> l,
    ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrEmpty(Input.Role) && !Roles.Staff.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", l["Elija uno de los roles de la lista."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("Input.Email", l["Ya existe una cuenta con ese correo electrónico."]);
            return Page();
        }

        // The account and its invitation email commit together.
        var created = await db.InTransactionAsync(async transaction =>
        {
            var account = await accounts.CreateAsync(email, Input.FullName.Trim(), Input.Role, password: null, emailConfirmed: false);
            if (!account.Succeeded)
            {
                await transaction.RollbackAsync();
                return account;
            }

            await emails.AddStaffInvitationAsync(account.User, l[Roles.DisplayName(Input.Role)]);
            audit.Add(account.User.Id, users.GetUserId(User), AccountAuditAction.StaffCreated, Input.Role);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return account;
        });

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Email", error);
            }

            return Page();
        }

        logger.LogInformation("Staff account {UserId} created with role {Role} by {AdminId}", created.User.Id, Input.Role, users.GetUserId(User));
        TempData["Notice"] = l["Cuenta creada. Enviamos la invitación a {0}.", email].Value;
        return Redirect("/admin/personal");
    }

    public sealed class StaffInput
    {
        [Required(ErrorMessage = "Escriba el nombre completo.")]
        [StringLength(200, ErrorMessage = "El nombre puede tener como máximo {1} caracteres.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Escriba el correo electrónico.")]
        [EmailAddress(ErrorMessage = "Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.com.")]
        [StringLength(256, ErrorMessage = "El correo puede tener como máximo {1} caracteres.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Elija el rol de la cuenta.")]
        public string Role { get; set; } = "";
    }
}
