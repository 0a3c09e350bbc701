using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Pages.MyAccount;

namespace MspasTramite.Web.Pages.Admin.Staff;

/// One staff account: its roles and state, its audit trail, and resetting its second factor (a lost
/// phone): the person must set it up again at their next sign-in, and every session of theirs ends.
public sealed class DetailsModel(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    AccountAudit audit,
    AccountSessions sessions,
    IStringLocalizer<SharedResource> l,
    ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public ApplicationUser Staff { get; private set; } = default!;

    public IReadOnlyList<string> StaffRoles { get; private set; } = [];

    public sealed record AuditRow(DateTimeOffset At, AccountAuditAction Action, string Actor, string? Detail);

    public IReadOnlyList<AuditRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string staffId) =>
        await LoadAsync(staffId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string staffId)
    {
        if (!await LoadAsync(staffId))
        {
            return NotFound();
        }

        if (!Staff.TwoFactorEnabled)
        {
            ModelState.AddModelError(string.Empty, l["Esta cuenta no tiene la verificación en dos pasos activada."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var adminId = users.GetUserId(User);
        await db.InTransactionAsync(async transaction =>
        {
            await TwoFactorModel.TurnOffAsync(users, Staff);
            audit.Add(Staff.Id, adminId, AccountAuditAction.TwoFactorReset, Input.Reason.Trim());
            await db.SaveChangesAsync();
            await sessions.EndAllAsync(Staff.Id);
            await transaction.CommitAsync();
            return true;
        });
        logger.LogInformation("Two-factor of staff {UserId} reset by {AdminId}", Staff.Id, adminId);
        TempData["Notice"] = l["Restableció la verificación en dos pasos de {0}. Deberá configurarla de nuevo al ingresar.", Staff.FullName].Value;
        return Redirect($"/admin/personal/{Staff.Id}");
    }

    private async Task<bool> LoadAsync(string staffId)
    {
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == staffId && u.IsStaff) is not { } staff)
        {
            return false;
        }

        Staff = staff;
        StaffRoles = [.. await users.GetRolesAsync(staff)];
        var entries = await audit.ListAsync(staff.Id);
        var actorIds = entries.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        var actors = await db.Users.Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        History = [.. entries.Select(e => new AuditRow(e.At, e.Action,
            e.ActorId is null ? l["El sistema"] : actors.GetValueOrDefault(e.ActorId, e.ActorId), e.Detail))];
        return true;
    }

    /// The Spanish name of each audited action (a key of the shared resource files).
    public static string ActionName(AccountAuditAction action) => action switch
    {
        AccountAuditAction.StaffCreated => "Cuenta creada",
        AccountAuditAction.RolesChanged => "Roles cambiados",
        AccountAuditAction.Disabled => "Cuenta desactivada",
        AccountAuditAction.Enabled => "Cuenta reactivada",
        AccountAuditAction.TwoFactorEnabled => "Verificación en dos pasos activada",
        AccountAuditAction.TwoFactorDisabled => "Verificación en dos pasos desactivada",
        AccountAuditAction.TwoFactorReset => "Verificación en dos pasos restablecida",
        AccountAuditAction.RecoveryCodesRenewed => "Códigos de recuperación renovados",
        AccountAuditAction.RecoveryCodeUsed => "Código de recuperación usado",
        AccountAuditAction.PasswordChanged => "Contraseña cambiada",
        AccountAuditAction.PasswordReset => "Contraseña restablecida",
        AccountAuditAction.SessionsEnded => "Otras sesiones cerradas",
        AccountAuditAction.AllSessionsEnded => "Todas las sesiones cerradas",
        _ => action.ToString(),
    };

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Escriba el motivo.")]
        [StringLength(AccountAuditEntry.MaxReasonLength, ErrorMessage = "El motivo puede tener como máximo {1} caracteres.")]
        [DataType(DataType.MultilineText)]
        public string Reason { get; set; } = "";
    }
}
